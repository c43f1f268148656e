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

/** Puts jobs on their queue (persistent messages, joined to the caller's transaction). */
@ApplicationScoped
public class JobQueue {

    @Inject
    @JMSConnectionFactory(Platform.CONNECTION_FACTORY)
    JMSContext jms;

    /** Onto the workers' queue, or for a speech job onto the web nodes' one. */
    public void enqueue(VoiceCloneJob job) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                .send(jms.createQueue(job.isSpeech() ? Destinations.SPEECH_JOBS : Destinations.JOBS),
                        new JobMessage(job.getId()).toMessage(jms));
    }
}
