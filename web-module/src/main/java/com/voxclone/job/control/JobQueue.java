package com.voxclone.job.control;

import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.JobMessage;
import com.voxclone.platform.boundary.Platform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.UUID;

/** Puts clone jobs on the jobs queue (persistent messages, joined to the caller's transaction). */
@ApplicationScoped
public class JobQueue {

    @Inject
    @JMSConnectionFactory(Platform.CONNECTION_FACTORY)
    JMSContext jms;

    public void enqueue(UUID jobId) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT)
                .send(jms.createQueue(Destinations.JOBS), new JobMessage(jobId).toMessage(jms));
    }
}
