package com.voxclone.job.boundary;

import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.JobMessage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
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
        JobMessage.from(message).ifPresentOrElse(job -> processor.process(job.jobId()),
                () -> LOG.severe(() -> "Dropping a message on " + Destinations.JOBS + " that is not a job message this worker"
                        + " understands (no valid jobId, or a newer contract version): " + message));
    }
}
