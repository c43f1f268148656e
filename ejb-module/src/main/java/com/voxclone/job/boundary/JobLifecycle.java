package com.voxclone.job.boundary;

import com.voxclone.job.control.JobMessages;
import com.voxclone.job.control.StatusPublisher;
import com.voxclone.job.entity.JobEvent;
import com.voxclone.job.entity.JobStatus;
import com.voxclone.job.entity.LeaseRecovery;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.JobLogContext;
import com.voxclone.platform.entity.Durations;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    @Inject
    JobMessages messages;

    /** How long a job stays its node's without a renewal; the node renews it every third of that while it works. */
    @Inject
    @ConfigProperty(name = "voxclone.jobs.lease-seconds", defaultValue = "60")
    long leaseSeconds;

    /** The same limit the broker applies to a job's deliveries ({@code VOXCLONE_JOB_MAX_ATTEMPTS}). */
    @Inject
    @ConfigProperty(name = "voxclone.jobs.max-attempts", defaultValue = "3")
    int maxAttempts;

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
        job.leaseTo(workerNode, lease());
        em.persist(new JobEvent(jobId, JobStatus.PROCESSING, "attempt " + job.getAttempts(), workerNode));
        announce(job);
        return Optional.of(job);
    }

    /** How long a lease lasts. */
    public Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }

    /**
     * Renews the leases of the jobs {@code holder} is working on. A job whose row is locked right now is being
     * finished: it needs no renewal, and waiting for it would hold up the renewal of the others.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void renewLeases(Collection<UUID> jobIds, String holder) {
        for (UUID jobId : jobIds) {
            em.createNativeQuery("UPDATE voice_clone_job SET lease_expires_at = now() + (? * interval '1 second') WHERE id = "
                            + "(SELECT id FROM voice_clone_job WHERE id = ? AND status = 'processing' AND lease_holder = ? "
                            + "FOR UPDATE SKIP LOCKED)")
                    .setParameter(1, leaseSeconds).setParameter(2, jobId).setParameter(3, holder).executeUpdate();
        }
    }

    /**
     * Finds processing jobs whose holder stopped renewing their lease (it was killed, cut off, or lost its database as
     * the attempt ended, so nobody could record the outcome) and hands each back to the queue, or fails it when that was
     * its last attempt: no job stays processing for ever. Several nodes may look at once; each job is taken by one.
     *
     * @return the jobs handed back and those failed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public LeaseRecovery recoverLapsedLeases(String sweepingNode) {
        List<UUID> handedBack = new ArrayList<>();
        List<UUID> failed = new ArrayList<>();
        List<UUID> lapsed = em.createNativeQuery("SELECT id FROM voice_clone_job WHERE status = 'processing' "
                + "AND lease_expires_at < now() ORDER BY lease_expires_at LIMIT 50 FOR UPDATE SKIP LOCKED").getResultList();
        for (UUID jobId : lapsed) {
            VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId);
            recoverLapsed(job, sweepingNode, handedBack, failed);
        }
        return new LeaseRecovery(handedBack, failed);
    }

    private void recoverLapsed(VoiceCloneJob job, String sweepingNode, List<UUID> handedBack, List<UUID> failed) {
        UUID jobId = job.getId();
        try (var log = JobLogContext.enter(jobId, job.getUserId())) {
            String holder = job.getLeaseHolder() == null ? "that took it" : job.getLeaseHolder();
            int attempt = job.getAttempts();
            if (attempt < maxAttempts) {
                String reason = "The node " + holder + " left this job without a result (it stopped, or lost its database, "
                        + "during attempt " + attempt + " of " + maxAttempts + "); it waits for a worker again.";
                LOG.warning(() -> "Job " + jobId + ": lease of " + holder + " ran out; handed back to the queue.");
                job.handBack(reason);
                em.persist(new JobEvent(jobId, JobStatus.PENDING, reason, sweepingNode));
                messages.send(job);
                announce(job);
                handedBack.add(jobId);
            } else {
                LOG.warning(() -> "Job " + jobId + ": lease of " + holder + " ran out on the last attempt; job failed.");
                fail(jobId, "Processing ended without a result on the last attempt (" + attempt + " of " + maxAttempts
                        + "): the node " + holder + " left it unfinished (it stopped, or lost its database). An administrator "
                        + "can retry the job.", sweepingNode);
                failed.add(jobId);
            }
        }
    }

    /**
     * Fails attempt {@code attempt} of run {@code run} of the job for working past its time limit, if that attempt
     * still holds the job. A job whose row is locked right now is being finished by its attempt: left to it.
     *
     * @return whether the job was stopped
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean stopAtTimeLimit(UUID jobId, int run, int attempt, Duration limit, String holder) {
        if (em.createNativeQuery("SELECT id FROM voice_clone_job WHERE id = ? AND status = 'processing' AND runs = ? "
                        + "AND attempts = ? FOR UPDATE SKIP LOCKED")
                .setParameter(1, jobId).setParameter(2, run).setParameter(3, attempt).getResultList().isEmpty()) {
            return false;
        }
        String reason = "Processing was stopped: attempt " + attempt + " on node " + holder + " worked for more than "
                + Durations.spoken(limit) + " without a result (the limit set by VOXCLONE_JOBS_TIME_LIMIT_SECONDS). "
                + "An administrator can retry the job.";
        LOG.warning(() -> "Job " + jobId + ": " + reason);
        fail(jobId, reason, holder);
        return true;
    }

    /**
     * Locks the job for the outcome of attempt {@code attempt} of run {@code run}, and says whether that attempt still
     * holds it: {@code false} when the job was stopped at its time limit, handed back after a lapsed lease, or started
     * again since, so the attempt's result must be discarded. Called in the attempt's transaction before anything is
     * written; the lock keeps it so until that transaction ends.
     */
    public boolean holdsOutcome(UUID jobId, int run, int attempt) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        return job != null && job.isAttempt(run, attempt);
    }

    /** The jobs each node is working on (holds the lease of), oldest start first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, List<UUID>> heldJobs() {
        Map<String, List<UUID>> byNode = new LinkedHashMap<>();
        for (Object[] row : em.createNamedQuery(VoiceCloneJob.LEASED, Object[].class)
                .setParameter("status", JobStatus.PROCESSING).getResultList()) {
            byNode.computeIfAbsent((String) row[0], node -> new ArrayList<>()).add((UUID) row[1]);
        }
        return byNode;
    }

    /** Whether the job exists (it may have been deleted with its voice). */
    public boolean exists(UUID jobId) {
        return em.find(VoiceCloneJob.class, jobId) != null;
    }

    /**
     * Records why attempt {@code attempt} failed, in its own transaction, once the attempt has rolled back; nothing
     * when a later attempt has started meanwhile (the broker redelivered the message quickly).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void attemptFailed(UUID jobId, int attempt, String reason, String workerNode) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.getStatus().finished() || job.getAttempts() != attempt) {
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

    /** Fails the job in its own transaction, once its last attempt has rolled back. */
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
