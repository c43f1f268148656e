package com.voxclone.webhook.boundary;

import com.voxclone.job.entity.JobStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Every job status change becomes a delivery to each of the owner's webhook endpoints, written in the same transaction
 * as the change: an event is sent exactly when the change was stored, whichever node made it, and survives restarts.
 */
@ApplicationScoped
public class WebhookOutbox {

    public static final String JOB_STATUS = "job.status";

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    void record(@Observes JobStatusChanged change) {
        // The delivery's id is the event's id: receivers can drop duplicates by it.
        em.createNativeQuery("INSERT INTO webhook_delivery (id, endpoint_id, event, job_id, payload, state) "
                        + "SELECT gen_random_uuid(), id, ?, ?, ?, 'pending' FROM webhook_endpoint WHERE user_id = ?")
                .setParameter(1, JOB_STATUS)
                .setParameter(2, change.jobId())
                .setParameter(3, Json.createObjectBuilder()
                        .add("type", JOB_STATUS)
                        .add("createdAt", OffsetDateTime.now(ZoneOffset.UTC).toString())
                        .add("data", change.job()).build().toString())
                .setParameter(4, change.userId())
                .executeUpdate();
    }
}
