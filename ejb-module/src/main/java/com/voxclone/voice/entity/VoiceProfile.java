package com.voxclone.voice.entity;

import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * A cloned voice: who owns it, the reference it was made from, the settings it was made with and the engine's
 * cached speaker conditioning (so synthesis never analyses the reference again).
 */
@Entity
@Table(name = "voice_profile")
@NamedQuery(name = VoiceProfile.OF_USER, query = "SELECT v FROM VoiceProfile v WHERE v.userId = :userId ORDER BY v.createdAt DESC")
@NamedQuery(name = VoiceProfile.BY_VOICE_ID, query = "SELECT v FROM VoiceProfile v WHERE v.voiceId = :voiceId")
@NamedQuery(name = VoiceProfile.COUNT_OF_USER, query = "SELECT COUNT(v) FROM VoiceProfile v WHERE v.userId = :userId")
public class VoiceProfile {

    public static final String COUNT_OF_USER = "VoiceProfile.countOfUser";
    public static final String OF_USER = "VoiceProfile.ofUser";
    public static final String BY_VOICE_ID = "VoiceProfile.byVoiceId";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    private UUID id;

    @Column(name = "voice_id", nullable = false, length = 64)
    private String voiceId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "voice_name", nullable = false, length = 100)
    private String voiceName;

    @Column(name = "reference_audio_id")
    private UUID referenceAudioId;

    @Column(name = "reference_mp3_id")
    private UUID referenceMp3Id;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(nullable = false)
    private String settings;

    @Column(nullable = false, length = 32)
    private String engine;

    /** The model the conditioning was made with: the voice's own, used when a request names none. */
    @Column(nullable = false, length = 40)
    private String model;

    @Column(name = "conditioning_version", length = 64)
    private String conditioningVersion;

    @Basic(fetch = FetchType.LAZY)
    private byte[] conditioning;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected VoiceProfile() {
    }

    public VoiceProfile(UUID userId, String voiceName, VoiceSettings settings, SpeakerConditioning conditioning,
                        UUID referenceAudioId, UUID referenceMp3Id) {
        this.id = UUID.randomUUID();
        this.voiceId = newVoiceId();
        this.userId = userId;
        this.voiceName = voiceName;
        this.settings = settings.toJsonString();
        this.referenceAudioId = referenceAudioId;
        this.referenceMp3Id = referenceMp3Id;
        this.active = true;
        this.createdAt = Timestamps.now();
        useConditioning(conditioning);
    }

    /** Public id: {@code voice_} and 24 hex digits (unguessable, stable, URL-safe). */
    static String newVoiceId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "voice_" + HexFormat.of().formatHex(b);
    }

    @PrePersist
    @PreUpdate
    void touch() {
        this.updatedAt = Timestamps.now();
    }

    public void useConditioning(SpeakerConditioning c) {
        this.engine = c.engine();
        this.model = c.model();
        this.conditioningVersion = c.version();
        this.conditioning = c.data();
    }

    public Optional<SpeakerConditioning> conditioning() {
        return conditioning == null ? Optional.empty()
                : Optional.of(new SpeakerConditioning(engine, model, conditioningVersion, conditioning));
    }

    public void rename(String name) {
        this.voiceName = name;
    }

    public void changeSettings(VoiceSettings s) {
        this.settings = s.toJsonString();
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public UUID getId() {
        return id;
    }

    public String getVoiceId() {
        return voiceId;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getVoiceName() {
        return voiceName;
    }

    public UUID getReferenceAudioId() {
        return referenceAudioId;
    }

    public UUID getReferenceMp3Id() {
        return referenceMp3Id;
    }

    public boolean isActive() {
        return active;
    }

    public VoiceSettings getSettings() {
        return VoiceSettings.fromJson(settings);
    }

    public String getEngine() {
        return engine;
    }

    /** The voice's own model ({@code offline}, {@code chatterbox}, {@code chatterbox-turbo}). */
    public String getModel() {
        return model;
    }

    public String getConditioningVersion() {
        return conditioningVersion;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }
}
