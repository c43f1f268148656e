package com.voxclone.audit.entity;

import com.voxclone.platform.entity.Digests;
import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of the audit trail; written once, never changed (the database refuses it). */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    public static final int MAX_DETAIL = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private OffsetDateTime at;

    @Column(nullable = false)
    private String action;

    @Column(name = "way_in", nullable = false)
    private String wayIn;

    @Column(name = "actor_id")
    private UUID actorId;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "voice_id")
    private String voiceId;

    @Column(name = "text_sha256")
    private String textSha256;

    @Column
    private String detail;

    @Column(name = "watermark_id")
    private Long watermarkId;

    protected AuditEvent() {
    }

    /**
     * @param action  what happened, e.g. {@code synthesis}, {@code voice.created}, {@code consent.refused}
     * @param actorId who did it (null for the system)
     * @param userId  whose voice or account it concerns
     * @param text    the text spoken, kept only as its SHA-256; may be null
     */
    public AuditEvent(String action, WayIn wayIn, UUID actorId, UUID userId, String voiceId, String text, String detail) {
        this.at = Timestamps.now();
        this.action = action;
        this.wayIn = wayIn.value();
        this.actorId = actorId;
        this.userId = userId;
        this.voiceId = voiceId;
        this.textSha256 = text == null ? null : Digests.sha256Hex(text);
        this.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }

    /** This event records an output that carries the watermark {@code id}. */
    public AuditEvent watermarked(long id) {
        this.watermarkId = id;
        return this;
    }

    public Long getId() {
        return id;
    }

    public OffsetDateTime getAt() {
        return at;
    }

    public String getAction() {
        return action;
    }

    public String getWayIn() {
        return wayIn;
    }

    public UUID getActorId() {
        return actorId;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getVoiceId() {
        return voiceId;
    }

    public String getTextSha256() {
        return textSha256;
    }

    public String getDetail() {
        return detail;
    }

    public Long getWatermarkId() {
        return watermarkId;
    }
}
