package com.voxclone.job.control;

import com.voxclone.job.entity.JobStatusChanged;
import com.voxclone.job.entity.JobView;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.JobStatusMessage;
import com.voxclone.platform.boundary.Platform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.json.JsonObject;
import jakarta.jms.JMSContext;

/**
 * Announces job status changes on the status topic, on the job owner's status topic, and to the observers of {@link JobStatusChanged} (webhooks). Called
 * inside the transaction that persists the change, so the announcement is delivered only if, and after, the change is
 * committed.
 */
@ApplicationScoped
public class StatusPublisher {

    @Inject
    @JMSConnectionFactory(Platform.CONNECTION_FACTORY)
    JMSContext jms;

    @Inject
    Event<JobStatusChanged> changes;

    public void announce(VoiceCloneJob job) {
        JsonObject view = JobView.of(job);
        var message = new JobStatusMessage(job.getId(), job.getUserId(), job.getStatus().value(), view);
        var producer = jms.createProducer();
        producer.send(jms.createTopic(Destinations.JOB_STATUS), message.toMessage(jms));
        // The owner's own topic, the only one their integration accounts may read.
        producer.send(jms.createTopic(Destinations.jobStatusOf(job.getUserId())), message.toMessage(jms));
        changes.fire(new JobStatusChanged(job.getId(), job.getUserId(), view));
    }
}
