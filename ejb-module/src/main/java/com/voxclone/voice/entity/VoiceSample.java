package com.voxclone.voice.entity;

import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A recording a voice was enrolled from: the original upload and its normalised reference. */
@Entity
@Table(name = "voice_sample")
@NamedQuery(name = VoiceSample.OF_PROFILE, query = "SELECT s FROM VoiceSample s WHERE s.voiceProfileId = :profileId ORDER BY s.createdAt")
public class VoiceSample {

    public static final String OF_PROFILE = "VoiceSample.ofProfile";

    @Id
    private UUID id;

    @Column(name = "voice_profile_id", nullable = false)
    private UUID voiceProfileId;

    @Column(name = "upload_asset_id")
    private UUID uploadAssetId;

    @Column(name = "reference_asset_id")
    private UUID referenceAssetId;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected VoiceSample() {
    }

    public VoiceSample(UUID voiceProfileId, UUID uploadAssetId, UUID referenceAssetId, long durationMs) {
        this.id = UUID.randomUUID();
        this.voiceProfileId = voiceProfileId;
        this.uploadAssetId = uploadAssetId;
        this.referenceAssetId = referenceAssetId;
        this.durationMs = durationMs;
        this.createdAt = Timestamps.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getVoiceProfileId() {
        return voiceProfileId;
    }

    public UUID getUploadAssetId() {
        return uploadAssetId;
    }

    public UUID getReferenceAssetId() {
        return referenceAssetId;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
