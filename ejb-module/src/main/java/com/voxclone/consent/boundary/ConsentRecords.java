package com.voxclone.consent.boundary;

import com.voxclone.audit.boundary.AuditTrail;
import com.voxclone.audit.entity.WayIn;
import com.voxclone.consent.entity.ConsentChallenge;
import com.voxclone.consent.entity.ConsentPolicy;
import com.voxclone.platform.entity.RuntimeSetting;
import com.voxclone.platform.entity.Timestamps;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.storage.entity.StoredAsset;
import com.voxclone.voice.entity.VoiceDeleted;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The consents given for cloning voices: challenges issued and recorded, used by clone jobs, decided by the worker
 * and deleted with the voice they were used for.
 */
@Stateless
public class ConsentRecords {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    AssetStore assets;

    @Inject
    AuditTrail audit;

    /** The runtime setting that holds an administrator's choice of policy. */
    static final String POLICY_SETTING = "consent.policy";

    /** {@code require} (the default) or {@code off}; see {@link ConsentPolicy}. An administrator's choice overrides it. */
    @Inject
    @ConfigProperty(name = "voxclone.consent.policy", defaultValue = "require")
    String policy;

    /** The policy in force: an administrator's choice if there is one, else the deployment's. */
    public ConsentPolicy policy() {
        return chosenPolicy().map(s -> ConsentPolicy.of(s.getValue())).orElseGet(this::configuredPolicy);
    }

    /** The deployment's policy ({@code VOXCLONE_CONSENT_POLICY}). */
    public ConsentPolicy configuredPolicy() {
        return ConsentPolicy.of(policy);
    }

    /** An administrator's choice of policy, if one was made. */
    public Optional<RuntimeSetting> chosenPolicy() {
        return Optional.ofNullable(em.find(RuntimeSetting.class, POLICY_SETTING));
    }

    /** Sets the policy for the whole installation ({@code chosen} empty: back to the deployment's). */
    public ConsentPolicy choosePolicy(Optional<ConsentPolicy> chosen, UUID administrator) {
        Optional<RuntimeSetting> current = chosenPolicy();
        if (chosen.isEmpty()) {
            current.ifPresent(em::remove);
        } else if (current.isPresent()) {
            current.get().change(chosen.get().value(), administrator);
        } else {
            em.persist(new RuntimeSetting(POLICY_SETTING, chosen.get().value(), administrator));
        }
        ConsentPolicy now = chosen.orElseGet(this::configuredPolicy);
        audit.record("consent.policy-changed", WayIn.HTTP, administrator, null, null,
                now.value() + (chosen.isEmpty() ? " (the deployment's setting)" : " (chosen by an administrator)"));
        return now;
    }

    public ConsentChallenge issue(UUID userId, String clientAddress, WayIn wayIn) {
        ConsentChallenge challenge = ConsentChallenge.issue(userId, clientAddress);
        em.persist(challenge);
        audit.record("consent.statement-accepted", wayIn, userId, userId, null, "challenge " + challenge.getId()
                + ", statement version " + challenge.getStatementVersion() + ", from " + clientAddress);
        return challenge;
    }

    public ConsentChallenge override(UUID userId, UUID administrator, String reason) {
        ConsentChallenge challenge = ConsentChallenge.override(userId, administrator, reason);
        em.persist(challenge);
        audit.record("consent.override-granted", WayIn.HTTP, administrator, userId, null, "challenge " + challenge.getId()
                + ": " + reason);
        return challenge;
    }

    /** The challenge if it exists and was issued to {@code userId}. */
    public Optional<ConsentChallenge> find(UUID userId, UUID challengeId) {
        return Optional.ofNullable(em.find(ConsentChallenge.class, challengeId)).filter(c -> c.getUserId().equals(userId));
    }

    /** Stores the spoken consent for a challenge of {@code userId}, replacing an earlier recording. */
    public ConsentChallenge record(UUID userId, UUID challengeId, InputStream audio, String contentType, AudioFacts facts) {
        ConsentChallenge challenge = usable(userId, challengeId, true);
        UUID earlier = challenge.getAudioAssetId();
        StoredAsset stored = assets.store(userId, AssetKind.CONSENT, contentType, audio, facts);
        challenge.recorded(stored.id());
        audit.record("consent.recorded", WayIn.HTTP, userId, userId, null, "challenge " + challengeId + ", "
                + stored.sizeBytes() + " bytes " + contentType);
        if (earlier != null) {
            em.flush();
            assets.delete(earlier);
        }
        return challenge;
    }

    /**
     * Marks the challenge used by {@code jobId}, in the caller's transaction (the job's): a challenge serves one job,
     * however many requests race for it.
     *
     * @throws ConsentUnusableException when it is not the user's, has expired, has no recording or was used
     */
    public ConsentChallenge use(UUID userId, UUID challengeId, UUID jobId) {
        ConsentChallenge challenge = usable(userId, challengeId, false);
        challenge.usedBy(jobId);
        return challenge;
    }

    /**
     * The challenge, if a new clone may use it now (checked before a request's media is stored; {@link #use} checks
     * again, locked, in the job's transaction).
     *
     * @throws ConsentUnusableException when it is not the user's, has expired, has no recording or was used
     */
    public ConsentChallenge usableForClone(UUID userId, UUID challengeId) {
        return checked(find(userId, challengeId), challengeId, false);
    }

    /** The challenge locked for a change, or why it cannot take one. */
    private ConsentChallenge usable(UUID userId, UUID challengeId, boolean toRecord) {
        return checked(Optional.ofNullable(em.find(ConsentChallenge.class, challengeId, LockModeType.PESSIMISTIC_WRITE))
                .filter(c -> c.getUserId().equals(userId)), challengeId, toRecord);
    }

    private static ConsentChallenge checked(Optional<ConsentChallenge> found, UUID challengeId, boolean toRecord) {
        ConsentChallenge challenge = found.orElseThrow(() -> new ConsentUnusableException(ConsentUnusableException.Reason.UNKNOWN,
                "There is no consent challenge " + challengeId + " of yours; ask for one first."));
        challenge.unusableBecause(Timestamps.now(), toRecord).ifPresent(w -> {
            throw new ConsentUnusableException(ConsentUnusableException.Reason.UNUSABLE,
                    "The consent challenge " + challengeId + " " + w + ".");
        });
        return challenge;
    }

    /** The consent a clone job used, if it used one. */
    public Optional<ConsentChallenge> ofJob(UUID jobId) {
        return em.createNamedQuery(ConsentChallenge.OF_JOB, ConsentChallenge.class).setParameter("jobId", jobId)
                .getResultStream().findFirst();
    }

    /** The consents a voice was created with. */
    public List<ConsentChallenge> ofVoice(String voiceId) {
        return em.createNamedQuery(ConsentChallenge.OF_VOICE, ConsentChallenge.class).setParameter("voiceId", voiceId)
                .getResultList();
    }

    /** The worker's decision, in the job's transaction. */
    public void verified(UUID challengeId, String voiceId, String heard, Double distance) {
        ConsentChallenge c = em.find(ConsentChallenge.class, challengeId);
        c.verified(voiceId, heard, distance);
        audit(c, distance == null ? null : "speaker distance " + String.format(java.util.Locale.ROOT, "%.3f", distance));
    }

    public void refused(UUID challengeId, String voiceId, String reason, String heard, Double distance) {
        ConsentChallenge c = em.find(ConsentChallenge.class, challengeId);
        c.refused(voiceId, reason, heard, distance);
        audit(c, reason);
    }

    private void audit(ConsentChallenge c, String detail) {
        audit.record("consent." + c.getVerdict(), WayIn.JOB, null, c.getUserId(), c.getVoiceId(), "challenge " + c.getId()
                + ", job " + c.getJobId() + (c.isOverride() ? ", override: " + c.getOverrideReason() : "")
                + (detail == null ? "" : ", " + detail));
    }

    /** Runs in the deleting transaction: a voice's consent records and recordings go with it. */
    public void deleteWith(@Observes VoiceDeleted deleted) {
        for (ConsentChallenge c : ofVoice(deleted.voiceId())) {
            UUID audio = c.getAudioAssetId();
            em.remove(c);
            em.flush();
            if (audio != null) {
                assets.delete(audio);
            }
        }
    }
}
