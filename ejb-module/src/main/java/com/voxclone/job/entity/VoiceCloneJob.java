package com.voxclone.job.entity;

import com.voxclone.audio.entity.SourceSegment;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A request to clone a voice, from upload to finished voice profile. State changes go through the methods
 * below, which refuse any change to a finished job (a redelivered message must not alter it).
 */
@Entity
@Table(name = "voice_clone_job")
@NamedQuery(name = VoiceCloneJob.OF_USER, query = "SELECT j FROM VoiceCloneJob j WHERE j.userId = :userId ORDER BY j.createdAt DESC")
@NamedQuery(name = VoiceCloneJob.BY_STATUS, query = "SELECT j FROM VoiceCloneJob j WHERE j.status = :status ORDER BY j.createdAt DESC")
@NamedQuery(name = VoiceCloneJob.OF_VOICE, query = "SELECT j FROM VoiceCloneJob j WHERE j.voiceId = :voiceId")
@NamedQuery(name = VoiceCloneJob.TARGETS_OF_RUNNING, query = "SELECT j.targetVoiceId FROM VoiceCloneJob j WHERE j.userId = :userId"
        + " AND (j.status = :pending OR j.status = :processing)")
@NamedQuery(name = VoiceCloneJob.ALL, query = "SELECT j FROM VoiceCloneJob j ORDER BY j.createdAt DESC")
@NamedQuery(name = VoiceCloneJob.LEASED, query = "SELECT j.leaseHolder, j.id FROM VoiceCloneJob j "
        + "WHERE j.status = :status AND j.leaseHolder IS NOT NULL ORDER BY j.startedAt")
public class VoiceCloneJob {

    public static final String OF_USER = "VoiceCloneJob.ofUser";
    public static final String OF_VOICE = "VoiceCloneJob.ofVoice";
    public static final String BY_STATUS = "VoiceCloneJob.byStatus";
    public static final String ALL = "VoiceCloneJob.all";
    public static final String LEASED = "VoiceCloneJob.leased";
    /** The voice each pending or processing job of a user works on; null for a job that clones a new voice. */
    public static final String TARGETS_OF_RUNNING = "VoiceCloneJob.targetsOfRunning";

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false, length = 16)
    private JobStatus status;

    @Column(name = "voice_name", nullable = false, length = 100)
    private String voiceName;

    @Column(name = "test_text", length = 60)
    private String testText;

    @Column(nullable = false)
    private String settings;

    @Column(name = "upload_asset_id")
    private UUID uploadAssetId;

    @Column(name = "voice_id", length = 64)
    private String voiceId;

    /** Set when the job works on an existing voice (adds a sample, or enrols again) instead of cloning a new one. */
    @Column(name = "target_voice_id", length = 64)
    private String targetVoiceId;

    /** The part of the upload to learn from, in milliseconds; both null for the whole recording. */
    /** The model the job asks for; its message names it, so only workers holding it take the job. Null: any. */
    @Column(length = 40)
    private String model;

    @Column(name = "segment_start_ms")
    private Long segmentStartMs;

    @Column(name = "segment_end_ms")
    private Long segmentEndMs;

    @Column(name = "result_asset_id")
    private UUID resultAssetId;

    /** For a speech job: what to speak, as the request that asked for it (JSON). */
    @Column(name = "speech_request")
    private String speechRequest;

    /** For a speech job: how much of the text is spoken, in percent. */
    private Integer progress;

    private String error;

    @Column(name = "processing_time_ms")
    private Long processingTimeMs;

    @Column(name = "worker_info")
    private String workerInfo;

    /** The node working on the job, while it is processing. */
    @Column(name = "lease_holder", length = 200)
    private String leaseHolder;

    /** Until when the job is the holder's; renewed while it works. A lapsed lease means the holder stopped. */
    @Column(name = "lease_expires_at")
    private OffsetDateTime leaseExpiresAt;

    /** Runs of this job: 1, plus one for each administrator retry. */
    @Column(nullable = false)
    private int runs = 1;

    /** Processing attempts in the current run (since creation or the last administrator retry). */
    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected VoiceCloneJob() {
    }

    public VoiceCloneJob(UUID userId, String voiceName, String testText, VoiceSettings settings, UUID uploadAssetId) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.status = JobStatus.PENDING;
        this.voiceName = voiceName;
        this.testText = testText;
        this.settings = settings.toJsonString();
        this.uploadAssetId = uploadAssetId;
        this.createdAt = Timestamps.now();
    }

    @PrePersist
    @PreUpdate
    void touch() {
        this.updatedAt = Timestamps.now();
    }

    /**
     * A job on an existing voice: with an upload it adds that recording as a sample; without one it enrols the voice
     * again from its remaining samples. Either way the voice's conditioning is rebuilt from all its samples.
     */
    public static VoiceCloneJob forVoice(UUID userId, String voiceId, String voiceName, VoiceSettings settings, UUID uploadAssetId) {
        VoiceCloneJob job = new VoiceCloneJob(userId, voiceName, null, settings, uploadAssetId);
        job.targetVoiceId = voiceId;
        return job;
    }

    /** A job that speaks a long text with an existing voice, into one audio file (the result). */
    public static VoiceCloneJob forSpeech(UUID userId, String voiceId, String voiceName, VoiceSettings settings, String request) {
        VoiceCloneJob job = new VoiceCloneJob(userId, voiceName, null, settings, null);
        job.targetVoiceId = voiceId;
        job.speechRequest = request;
        job.progress = 0;
        return job;
    }

    /** How far a speech job has got; never backwards within a run. */
    public void progressTo(int percent) {
        requireUnfinished();
        this.progress = Math.max(progress == null ? 0 : progress, Math.min(100, Math.max(0, percent)));
    }

    /** Run by a worker holding {@code model} (null: by any worker). */
    public VoiceCloneJob onModel(String model) {
        this.model = model;
        return this;
    }

    /** Learn from this part of the upload only. */
    public VoiceCloneJob limitedTo(SourceSegment segment) {
        this.segmentStartMs = segment.startMillis();
        this.segmentEndMs = segment.endMillis();
        return this;
    }

    /** The part of the upload to learn from; empty for all of it. */
    public Optional<SourceSegment> segment() {
        return segmentStartMs == null || segmentEndMs == null ? Optional.empty()
                : Optional.of(new SourceSegment(segmentStartMs, segmentEndMs));
    }

    /** {@code clone}, {@code add_sample}, {@code reenrol} or {@code speech}. */
    public String kind() {
        if (speechRequest != null) {
            return "speech";
        }
        return targetVoiceId == null ? "clone" : uploadAssetId != null ? "add_sample" : "reenrol";
    }

    public boolean isSpeech() {
        return speechRequest != null;
    }

    public String getSpeechRequest() {
        return speechRequest;
    }

    public Integer getProgress() {
        return progress;
    }

    /** A worker took the job (again, after a failed attempt). */
    public void start(String workerInfoJson) {
        requireUnfinished();
        this.status = JobStatus.PROCESSING;
        this.workerInfo = workerInfoJson;
        this.attempts++;
        this.startedAt = Timestamps.now();
        this.error = null;
    }

    /** The job is {@code holder}'s for {@code lease}; the holder renews it while it works. */
    public void leaseTo(String holder, Duration lease) {
        requireUnfinished();
        this.leaseHolder = holder;
        this.leaseExpiresAt = Timestamps.now().plus(lease);
    }

    /**
     * Its holder stopped before an outcome (the lease ran out): the job waits for a worker again, with the reason.
     * Only a processing job has a holder to lose.
     */
    public void handBack(String reason) {
        requireUnfinished();
        if (status != JobStatus.PROCESSING) {
            throw new IllegalStateException("only a processing job can be handed back; this one is " + status.value());
        }
        this.status = JobStatus.PENDING;
        this.error = reason;
        releaseLease();
    }

    public void complete(String voiceId, UUID resultAssetId) {
        requireUnfinished();
        this.status = JobStatus.COMPLETED;
        this.voiceId = voiceId;
        this.resultAssetId = resultAssetId;
        finish();
    }

    public void fail(String reason) {
        requireUnfinished();
        this.status = JobStatus.FAILED;
        this.error = reason;
        finish();
    }

    /**
     * Notes why the last attempt failed while the job waits for another one. The broker redelivers its message, so
     * no lease is needed until a node takes it again.
     */
    public void attemptFailed(String reason) {
        requireUnfinished();
        this.error = reason;
        releaseLease();
    }

    /** Whether the job is being processed by attempt {@code attempt} of run {@code run} (and no other since). */
    public boolean isAttempt(int run, int attempt) {
        return status == JobStatus.PROCESSING && this.runs == run && this.attempts == attempt;
    }

    /** Puts a failed job back in the queue's hands (administrator retry). */
    public void requeue() {
        if (status != JobStatus.FAILED) {
            throw new IllegalStateException("only a failed job can be retried; this one is " + status.value());
        }
        this.status = JobStatus.PENDING;
        this.error = null;
        this.finishedAt = null;
        this.processingTimeMs = null;
        // A new run: its attempts count afresh against the limit, a speech job speaks from the start.
        this.attempts = 0;
        if (progress != null) {
            this.progress = 0;
        }
        this.runs++;
    }

    private void releaseLease() {
        this.leaseHolder = null;
        this.leaseExpiresAt = null;
    }

    private void finish() {
        releaseLease();
        this.finishedAt = Timestamps.now();
        if (startedAt != null) {
            this.processingTimeMs = Duration.between(startedAt, finishedAt).toMillis();
        }
    }

    private void requireUnfinished() {
        if (status.finished()) {
            throw new IllegalStateException("job " + id + " is already " + status.value());
        }
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public JobStatus getStatus() {
        return status;
    }

    public String getVoiceName() {
        return voiceName;
    }

    public String getTestText() {
        return testText;
    }

    /** The model the job asks for; null when any worker may run it. */
    public String getModel() {
        return model;
    }

    public VoiceSettings getSettings() {
        return VoiceSettings.fromJson(settings);
    }

    public UUID getUploadAssetId() {
        return uploadAssetId;
    }

    public String getTargetVoiceId() {
        return targetVoiceId;
    }

    public String getVoiceId() {
        return voiceId;
    }

    public UUID getResultAssetId() {
        return resultAssetId;
    }

    public String getError() {
        return error;
    }

    public Long getProcessingTimeMs() {
        return processingTimeMs;
    }

    public String getWorkerInfo() {
        return workerInfo;
    }

    public String getLeaseHolder() {
        return leaseHolder;
    }

    public OffsetDateTime getLeaseExpiresAt() {
        return leaseExpiresAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public int getRuns() {
        return runs;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }
}
