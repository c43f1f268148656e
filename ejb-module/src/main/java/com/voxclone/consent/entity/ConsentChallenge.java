package com.voxclone.consent.entity;

import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * One spoken consent: issued to a user (who thereby accepts the statement's version), recorded, used by one clone
 * job, and decided by the worker. An administrator's override takes the place of the recording. State changes go
 * through the named methods; a used challenge is never used again.
 */
@Entity
@Table(name = "consent_challenge")
@NamedQuery(name = ConsentChallenge.OF_JOB, query = "SELECT c FROM ConsentChallenge c WHERE c.jobId = :jobId")
@NamedQuery(name = ConsentChallenge.OF_VOICE, query = "SELECT c FROM ConsentChallenge c WHERE c.voiceId = :voiceId")
public class ConsentChallenge {

    public static final String OF_JOB = "ConsentChallenge.ofJob";
    public static final String OF_VOICE = "ConsentChallenge.ofVoice";

    /** How long a challenge may be answered after it was issued. */
    public static final Duration VALID_FOR = Duration.ofMinutes(10);

    public static final String VERIFIED = "verified";
    public static final String REFUSED = "refused";
    public static final String OVERRIDDEN = "overridden";

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "statement_version", nullable = false)
    private String statementVersion;

    @Column(name = "spoken_text", nullable = false)
    private String spokenText;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "audio_asset_id")
    private UUID audioAssetId;

    @Column(name = "override_by")
    private UUID overrideBy;

    @Column(name = "override_reason")
    private String overrideReason;

    @Column(name = "job_id")
    private UUID jobId;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    @Column(name = "verdict")
    private String verdict;

    @Column(name = "verdict_detail")
    private String verdictDetail;

    @Column(name = "words_heard")
    private String wordsHeard;

    @Column(name = "speaker_distance")
    private Double speakerDistance;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    @Column(name = "voice_id")
    private String voiceId;

    protected ConsentChallenge() {
    }

    private ConsentChallenge(UUID userId, String spokenText, String clientAddress) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.statementVersion = ConsentText.STATEMENT_VERSION;
        this.spokenText = spokenText;
        this.clientAddress = clientAddress;
        this.createdAt = Timestamps.now();
        this.expiresAt = createdAt.plus(VALID_FOR);
    }

    /** A new challenge for {@code userId}, who accepts the current statement from {@code clientAddress}. */
    public static ConsentChallenge issue(UUID userId, String clientAddress) {
        return new ConsentChallenge(userId, ConsentText.newChallenge(), clientAddress);
    }

    /** An administrator's decision that {@code userId} may clone one voice without spoken consent, and why. */
    public static ConsentChallenge override(UUID userId, UUID administrator, String reason) {
        ConsentChallenge c = new ConsentChallenge(userId, "", null);
        c.overrideBy = administrator;
        c.overrideReason = reason;
        return c;
    }

    /**
     * What keeps this challenge from taking a recording ({@code toRecord}) or from being used by a new job now, or
     * empty when it may.
     */
    public Optional<String> unusableBecause(OffsetDateTime now, boolean toRecord) {
        if (usedAt != null) {
            return Optional.of("was already used for another voice; each consent recording is for one voice");
        }
        if (!isOverride() && now.isAfter(expiresAt)) {
            return Optional.of("expired at " + expiresAt.toInstant() + " (a challenge must be used within "
                    + VALID_FOR.toMinutes() + " minutes); ask for a new one");
        }
        if (!toRecord && !isOverride() && audioAssetId == null) {
            return Optional.of("has no recording yet; record the challenge text and upload it first");
        }
        return Optional.empty();
    }

    public void recorded(UUID assetId) {
        if (usedAt != null) {
            throw new IllegalStateException("the challenge was already used");
        }
        this.audioAssetId = assetId;
    }

    /** Marks the challenge used by {@code job}. */
    public void usedBy(UUID job) {
        if (usedAt != null) {
            throw new IllegalStateException("the challenge was already used");
        }
        this.jobId = job;
        this.usedAt = Timestamps.now();
    }

    public void verified(String voiceId, String heard, Double distance) {
        decide(isOverride() ? OVERRIDDEN : VERIFIED, null, heard, distance);
        this.voiceId = voiceId;
    }

    /** Refused; {@code voiceId} is the voice created all the same where the policy does not enforce consent, or null. */
    public void refused(String voiceId, String reason, String heard, Double distance) {
        decide(REFUSED, reason, heard, distance);
        this.voiceId = voiceId;
    }

    private void decide(String verdict, String detail, String heard, Double distance) {
        this.verdict = verdict;
        this.verdictDetail = detail;
        this.wordsHeard = heard;
        this.speakerDistance = distance;
        this.decidedAt = Timestamps.now();
    }

    public boolean isOverride() {
        return overrideBy != null;
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getStatementVersion() {
        return statementVersion;
    }

    public String getSpokenText() {
        return spokenText;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public UUID getAudioAssetId() {
        return audioAssetId;
    }

    public UUID getOverrideBy() {
        return overrideBy;
    }

    public String getOverrideReason() {
        return overrideReason;
    }

    public UUID getJobId() {
        return jobId;
    }

    public OffsetDateTime getUsedAt() {
        return usedAt;
    }

    public String getVerdict() {
        return verdict;
    }

    public String getVerdictDetail() {
        return verdictDetail;
    }

    public String getWordsHeard() {
        return wordsHeard;
    }

    public Double getSpeakerDistance() {
        return speakerDistance;
    }

    public OffsetDateTime getDecidedAt() {
        return decidedAt;
    }

    public String getVoiceId() {
        return voiceId;
    }
}
