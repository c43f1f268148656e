package com.voxclone.job.control;

import com.voxclone.job.entity.JobView;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.platform.boundary.Platform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;

/**
 * Announces job status changes on the status topic. Called inside the transaction that persists the change,
 * so the announcement is delivered only if, and after, the change is committed.
 */
@ApplicationScoped
public class StatusPublisher {

    @Inject
    @JMSConnectionFactory(Platform.CONNECTION_FACTORY)
    JMSContext jms;

    public void announce(VoiceCloneJob job) {
        TextMessage message = jms.createTextMessage(JobView.of(job).toString());
        try {
            message.setStringProperty("jobId", job.getId().toString());
            message.setStringProperty("userId", job.getUserId().toString());
            message.setStringProperty("status", job.getStatus().value());
        } catch (jakarta.jms.JMSException e) {
            throw new jakarta.jms.JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        jms.createProducer().send(jms.createTopic(Destinations.JOB_STATUS), message);
    }
}
