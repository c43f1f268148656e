package com.voxclone.speech.boundary;

import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.JobMessage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;

/**
 * Takes speech jobs on the web nodes, two at a time per node. No transaction around the message: the work takes
 * minutes and commits its steps itself; a node that stops mid-job leaves the message unacknowledged, and the job is
 * spoken again from the start by the next node.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.SPEECH_JOBS),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SpeechJobListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(SpeechJobListener.class.getName());

    @Inject
    SpeechJobs jobs;

    @Override
    public void onMessage(Message message) {
        JobMessage.from(message).ifPresentOrElse(m -> jobs.run(m.jobId()),
                () -> LOG.warning("A speech job message without a readable job id, or of a newer contract version; dropped."));
    }
}
