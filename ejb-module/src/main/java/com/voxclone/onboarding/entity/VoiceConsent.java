package com.voxclone.onboarding.entity;

import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The consent given for a clone job: the statement accepted, by whom, and the spoken consent recording. */
@Entity
@Table(name = "voice_consent")
public class VoiceConsent {

    public static final int MAX_SIGNER = 200;
    public static final int MAX_STATEMENT = 2000;

    @Id
    @Column(name = "job_id")
    private UUID jobId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "signer_name", nullable = false)
    private String signerName;

    @Column(name = "statement", nullable = false)
    private String statement;

    @Column(name = "audio_asset_id")
    private UUID audioAssetId;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected VoiceConsent() {
    }

    public VoiceConsent(UUID jobId, UUID userId, String signerName, String statement, UUID audioAssetId) {
        this.jobId = jobId;
        this.userId = userId;
        this.signerName = signerName;
        this.statement = statement;
        this.audioAssetId = audioAssetId;
        this.createdAt = Timestamps.now();
    }

    public UUID getJobId() {
        return jobId;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getSignerName() {
        return signerName;
    }

    public String getStatement() {
        return statement;
    }

    public UUID getAudioAssetId() {
        return audioAssetId;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
