package com.voxclone.job.control;

import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts jobs on their queue (persistent messages, joined to the caller's transaction), and refuses new ones while too
 * many wait: past the configured depth a submission is answered 503 with {@code Retry-After} instead of piling up.
 * The depth is the count of pending jobs in the database, which is what the queue holds; concurrent submissions may
 * pass it by a few.
 */
@ApplicationScoped
public class JobQueue {

    @Inject
    JobMessages messages;

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "voxclone.jobs.max-waiting", defaultValue = "500")
    long maxWaiting;

    @Inject
    @ConfigProperty(name = "voxclone.jobs.busy-retry-after-seconds", defaultValue = "30")
    long retryAfterSeconds;

    /**
     * @param speech whether the jobs are speech jobs (their own queue) or clone jobs
     * @param adding how many jobs the submission would add
     * @throws Problem 503 when they would take the queue past its depth
     */
    public void requireRoom(boolean speech, int adding) {
        long waiting = ((Number) em.createNativeQuery("SELECT count(*) FROM voice_clone_job WHERE status = 'pending' "
                + "AND (speech_request IS NOT NULL) = ?").setParameter(1, speech).getSingleResult()).longValue();
        if (waiting + adding > maxWaiting) {
            throw Problem.of(Response.Status.SERVICE_UNAVAILABLE, "queue-full", "Too busy right now",
                            waiting + " " + (speech ? "speech jobs" : "jobs") + " are waiting for a worker, as many as this "
                            + "installation queues. Nothing was stored; try again in about " + retryAfterSeconds + " seconds.")
                    .with("waiting", waiting).with("limit", maxWaiting)
                    .header("Retry-After", Long.toString(retryAfterSeconds)).build();
        }
    }

    /** Onto the workers' queue, or for a speech job onto the web nodes' one. */
    public void enqueue(VoiceCloneJob job) {
        messages.send(job);
    }
}
