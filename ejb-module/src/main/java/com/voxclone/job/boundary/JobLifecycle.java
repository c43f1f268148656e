package com.voxclone.job.boundary;

import com.voxclone.job.control.StatusPublisher;
import com.voxclone.job.entity.JobEvent;
import com.voxclone.job.entity.JobStatus;
import com.voxclone.job.entity.VoiceCloneJob;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The status changes of a job being worked on (by a worker, or for speech jobs by a web node). Each is persisted with
 * its history entry and announced on the status topic in the same transaction. A finished job is never changed: a
 * redelivered message finds nothing to do.
 */
@Stateless
public class JobLifecycle {

    private static final Logger LOG = Logger.getLogger(JobLifecycle.class.getName());

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    StatusPublisher status;

    /**
     * Marks the job {@code processing} and commits at once, so users see it while the work goes on.
     *
     * @return the job, or empty when it does not exist or is already finished
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<VoiceCloneJob> start(UUID jobId, String workerInfoJson, String workerNode) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            return Optional.empty();
        }
        if (job.getStatus().finished()) {
            LOG.info(() -> "Job " + jobId + " is already " + job.getStatus().value() + "; repeated message ignored.");
            return Optional.empty();
        }
        job.start(workerInfoJson);
        em.persist(new JobEvent(jobId, JobStatus.PROCESSING, "attempt " + job.getAttempts(), workerNode));
        announce(job);
        return Optional.of(job);
    }

    /** Whether the job exists (it may have been deleted with its voice). */
    public boolean exists(UUID jobId) {
        return em.find(VoiceCloneJob.class, jobId) != null;
    }

    /** Records why an attempt failed, in its own transaction, before the attempt is rolled back for redelivery. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attemptFailed(UUID jobId, String reason, String workerNode) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.getStatus().finished()) {
            return;
        }
        job.attemptFailed(reason);
        em.persist(new JobEvent(jobId, JobStatus.PROCESSING, "attempt " + job.getAttempts() + " failed, will retry: " + reason, workerNode));
        announce(job);
    }

    public void complete(UUID jobId, String voiceId, UUID resultAssetId, String workerNode) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        job.complete(voiceId, resultAssetId);
        em.persist(new JobEvent(jobId, JobStatus.COMPLETED, job.isSpeech() ? "speech ready" : "voice " + voiceId + " ready",
                workerNode));
        announce(job);
    }

    /** A speech job got further; announced (so followers see the percentage) but not written to the history. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void progress(UUID jobId, int percent) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.getStatus().finished()) {
            return;
        }
        job.progressTo(percent);
        announce(job);
    }

    /** Fails the job in its own transaction: the attempt itself is about to be rolled back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failAfterLastAttempt(UUID jobId, String reason, String workerNode) {
        fail(jobId, reason, workerNode);
    }

    /** Writes the change first, so that the announcement carries the stored state (including updatedAt). */
    private void announce(VoiceCloneJob job) {
        em.flush();
        status.announce(job);
    }

    /** Ends the job as failed; does nothing if it is already finished. */
    public void fail(UUID jobId, String reason, String workerNode) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.getStatus().finished()) {
            return;
        }
        job.fail(reason);
        em.persist(new JobEvent(jobId, JobStatus.FAILED, reason, workerNode));
        announce(job);
    }
}
