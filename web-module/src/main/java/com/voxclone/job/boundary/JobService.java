package com.voxclone.job.boundary;

import com.voxclone.audio.entity.SourceSegment;
import com.voxclone.consent.boundary.ConsentRecords;
import com.voxclone.job.control.JobQueue;
import com.voxclone.job.control.StatusPublisher;
import com.voxclone.job.control.UploadMetrics;
import com.voxclone.job.entity.CloneRequest;
import com.voxclone.job.entity.JobEvent;
import com.voxclone.job.entity.JobStatus;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.quota.boundary.Quotas;
import com.voxclone.quota.entity.Quota;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.storage.entity.StoredAsset;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.worker.boundary.ModelChoice;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating and reading clone jobs. {@link #submit} stores the upload, inserts the job and queues its message in
 * one transaction: all three happen, or none. Every new job is admitted by the queue's depth and the user's quotas
 * first.
 */
@Stateless
public class JobService {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    AssetStore assets;

    @Inject
    JobQueue queue;

    @Inject
    StatusPublisher status;

    @Inject
    Quotas quotas;

    @Inject
    UploadMetrics uploads;

    @Inject
    ConsentRecords consents;

    @Inject
    ModelChoice models;

    /** What a job that clones a new voice takes of the user's quotas, besides the upload's bytes. */
    private static final Map<Quota, Long> NEW_VOICE = Map.of(Quota.VOICES, 1L, Quota.CONCURRENT_JOBS, 1L);
    /** What a job on an existing voice takes. */
    private static final Map<Quota, Long> ON_VOICE = Map.of(Quota.CONCURRENT_JOBS, 1L);

    public VoiceCloneJob submit(UUID userId, NewClone clone) {
        queue.requireRoom(false, 1);
        return submitOne(userId, clone);
    }

    /**
     * Stores the recording, inserts the job and takes the consent it names for it: the consent is used by this job
     * only if the job is accepted, and by no other.
     */
    private VoiceCloneJob submitOne(UUID userId, NewClone clone) {
        StoredAsset stored = storeUpload(userId, clone.upload(), clone.contentType(), clone.facts(), NEW_VOICE);
        CloneRequest request = clone.request();
        VoiceCloneJob job = new VoiceCloneJob(userId, request.voiceName(), request.testText(), request.settings(), stored.id())
                .onModel(request.model());
        clone.segment().ifPresent(job::limitedTo);
        VoiceCloneJob accepted = accept(job, "accepted: " + stored.sizeBytes() + " bytes, " + clone.contentType()
                + describe(clone.segment()) + clone.consent().map(c -> ", consent " + c).orElse(", no consent given"));
        clone.consent().ifPresent(c -> consents.use(userId, c, accepted.getId()));
        return accepted;
    }

    /**
     * A new voice to clone: its request, its checked recording and the consent challenge its speaker answered (empty
     * only where the consent policy allows it).
     */
    public record NewClone(CloneRequest request, Path upload, String contentType, AudioFacts facts, Optional<SourceSegment> segment,
            Optional<UUID> consent) {
    }

    /** Several voices at once, each its own job, in one transaction: all are accepted, or none. */
    public List<VoiceCloneJob> submitAll(UUID userId, List<NewClone> clones) {
        queue.requireRoom(false, clones.size());
        return clones.stream().map(c -> submitOne(userId, c)).toList();
    }

    /** A recording to add to an existing voice of {@code userId}; the voice is enrolled again from all its samples. */
    public VoiceCloneJob submitSample(UUID userId, VoiceProfile voice, Path upload, String contentType, AudioFacts facts,
            Optional<SourceSegment> segment) {
        queue.requireRoom(false, 1);
        StoredAsset stored = storeUpload(userId, upload, contentType, facts, ON_VOICE);
        VoiceCloneJob job = VoiceCloneJob.forVoice(userId, voice.getVoiceId(), voice.getVoiceName(), voice.getSettings(), stored.id())
                .onModel(models.forVoice(null, voice.getModel()));
        segment.ifPresent(job::limitedTo);
        return accept(job, "sample for " + voice.getVoiceId() + " accepted: " + stored.sizeBytes() + " bytes, " + contentType
                + describe(segment));
    }

    private static String describe(Optional<SourceSegment> segment) {
        return segment.map(s -> ", using " + s.startMillis() / 1000.0 + " s to " + s.endMillis() / 1000.0 + " s").orElse("");
    }

    /** Speaks a long text with a voice of {@code userId} as a job; {@code request} is the request as the API took it. */
    public VoiceCloneJob submitSpeech(UUID userId, VoiceProfile voice, String model, String request, int characters) {
        queue.requireRoom(true, 1);
        quotas.admit(userId, ON_VOICE);
        return accept(VoiceCloneJob.forSpeech(userId, voice.getVoiceId(), voice.getVoiceName(), voice.getSettings(), request).onModel(model),
                "speech of " + characters + " characters with " + voice.getVoiceId() + " accepted");
    }

    /** Enrols an existing voice again from its current samples (after one was removed). */
    public VoiceCloneJob submitReenrolment(UUID userId, VoiceProfile voice) {
        queue.requireRoom(false, 1);
        quotas.admit(userId, ON_VOICE);
        return accept(VoiceCloneJob.forVoice(userId, voice.getVoiceId(), voice.getVoiceName(), voice.getSettings(), null)
                        .onModel(models.forVoice(null, voice.getModel())),
                "enrol " + voice.getVoiceId() + " again from its samples");
    }

    /**
     * Stores the upload if the job fits the user's quotas. Checked before storing, to refuse early, and again under the
     * user's lock once stored, when the upload counts in the usage itself: concurrent uploads cannot both take the last room.
     */
    private StoredAsset storeUpload(UUID userId, Path upload, String contentType, AudioFacts facts, Map<Quota, Long> adding) {
        try (InputStream in = Files.newInputStream(upload)) {
            quotas.precheck(userId, plus(adding, Files.size(upload)));
            StoredAsset stored = assets.store(userId, AssetKind.UPLOAD, contentType, in, facts);
            quotas.admit(userId, plus(adding, 0));
            uploads.accepted(stored.sizeBytes());
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("the uploaded file could not be read back for storing", e);
        }
    }

    private static Map<Quota, Long> plus(Map<Quota, Long> adding, long storedBytes) {
        Map<Quota, Long> all = new EnumMap<>(adding);
        all.put(Quota.STORED_BYTES, storedBytes);
        return all;
    }

    /** Inserts the job and its first history entry and queues its message, all in the caller's transaction. */
    private VoiceCloneJob accept(VoiceCloneJob job, String message) {
        em.persist(job);
        // The history row refers to the job: make sure the job's row goes first.
        em.flush();
        em.persist(new JobEvent(job.getId(), JobStatus.PENDING, message, null));
        queue.enqueue(job);
        status.announce(job);
        return job;
    }

    /** The job if it exists and belongs to {@code userId} (admins see every job). */
    public Optional<VoiceCloneJob> find(UUID userId, boolean admin, UUID jobId) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId);
        return job != null && (admin || job.getUserId().equals(userId)) ? Optional.of(job) : Optional.empty();
    }

    public List<VoiceCloneJob> ofUser(UUID userId, int limit) {
        return em.createNamedQuery(VoiceCloneJob.OF_USER, VoiceCloneJob.class)
                .setParameter("userId", userId).setMaxResults(limit).getResultList();
    }

    public List<VoiceCloneJob> all(Optional<JobStatus> status, Optional<UUID> userId, int limit) {
        var cb = em.getCriteriaBuilder();
        var q = cb.createQuery(VoiceCloneJob.class);
        var job = q.from(VoiceCloneJob.class);
        var where = cb.conjunction();
        if (status.isPresent()) {
            where = cb.and(where, cb.equal(job.get("status"), status.get()));
        }
        if (userId.isPresent()) {
            where = cb.and(where, cb.equal(job.get("userId"), userId.get()));
        }
        q.where(where).orderBy(cb.desc(job.get("createdAt")));
        return em.createQuery(q).setMaxResults(limit).getResultList();
    }

    public List<JobEvent> history(UUID jobId) {
        return em.createNamedQuery(JobEvent.OF_JOB, JobEvent.class).setParameter("jobId", jobId).getResultList();
    }

    /** Administrator retry of a failed job: back to pending and onto the queue. */
    public VoiceCloneJob retry(UUID jobId) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw new IllegalArgumentException("no job " + jobId);
        }
        job.requeue();
        em.persist(new JobEvent(jobId, JobStatus.PENDING, "retried by an administrator", null));
        queue.enqueue(job);
        em.flush();
        status.announce(job);
        return job;
    }

    /** Administrator cancel of a job that no worker has started. */
    public VoiceCloneJob cancel(UUID jobId) {
        VoiceCloneJob job = em.find(VoiceCloneJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw new IllegalArgumentException("no job " + jobId);
        }
        if (job.getStatus() != JobStatus.PENDING) {
            throw new IllegalStateException("only a pending job can be cancelled; this one is " + job.getStatus().value());
        }
        job.fail("cancelled by an administrator");
        em.persist(new JobEvent(jobId, JobStatus.FAILED, "cancelled by an administrator", null));
        em.flush();
        status.announce(job);
        return job;
    }
}
