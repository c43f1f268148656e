package com.voxclone.job.boundary;

import com.voxclone.messaging.entity.Destinations;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Takes clone jobs off the jobs queue. Thin on purpose: read the job id, hand the job to the processor. The
 * message, the voice and the job's completion commit in one transaction; an exception rolls everything back and
 * the broker redelivers with backoff (dead-letter queue after the last attempt).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.JOBS),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
public class CloneJobListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(CloneJobListener.class.getName());

    @Inject
    CloneJobProcessor processor;

    @Override
    public void onMessage(Message message) {
        UUID jobId = jobId(message);
        if (jobId == null) {
            LOG.severe(() -> "Dropping a message without a valid jobId on " + Destinations.JOBS + ": " + message);
            return;
        }
        processor.process(jobId);
    }

    static UUID jobId(Message message) {
        try {
            String id = message instanceof MapMessage map && map.itemExists("jobId") ? map.getString("jobId")
                    : message.getStringProperty("jobId");
            return id == null ? null : UUID.fromString(id);
        } catch (JMSException | IllegalArgumentException e) {
            return null;
        }
    }
}
