package com.voxclone.job.control;

import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.JobMessage;
import com.voxclone.platform.boundary.Platform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * Puts a job's message on its queue: clone jobs on the workers' queue, speech jobs on the web nodes' one. Persistent,
 * and joined to the caller's transaction, so the message exists exactly when the change that asks for it commits.
 */
@ApplicationScoped
public class JobMessages {

    @Inject
    @JMSConnectionFactory(Platform.CONNECTION_FACTORY)
    JMSContext jms;

    public void send(VoiceCloneJob job) {
        send(job.isSpeech() ? Destinations.SPEECH_JOBS : Destinations.JOBS, new JobMessage(job.getId(), job.getModel()), 0);
    }

    /** A clone job's message again, delivered no earlier than {@code delayMillis} from now. */
    public void sendLater(JobMessage message, long delayMillis) {
        send(Destinations.JOBS, message, delayMillis);
    }

    private void send(String queue, JobMessage message, long delayMillis) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setDeliveryDelay(delayMillis)
                .send(jms.createQueue(queue), message.toMessage(jms));
    }
}
