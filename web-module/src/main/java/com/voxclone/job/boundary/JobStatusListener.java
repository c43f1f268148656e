package com.voxclone.job.boundary;

import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.JobStatusMessage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Follows the status topic (each web node has its own non-durable subscription) and forwards changes to the
 * Server-Sent Event streams open on this node. One session keeps the changes of a job in order.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.JOB_STATUS),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobStatusListener implements MessageListener {

    @Inject
    JobEventStreams streams;

    @Override
    public void onMessage(Message message) {
        JobStatusMessage status = JobStatusMessage.from(message)
                .orElseThrow(() -> new IllegalStateException("unreadable status message: " + message));
        streams.publish(status.jobId(), status.state());
    }
}
