package com.voxclone.onboarding.boundary;

import com.voxclone.onboarding.entity.VoiceConsent;
import com.voxclone.onboarding.entity.WizardState;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.storage.entity.StoredAsset;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/** What the portal keeps about onboarding besides the job: the wizard's saved state and the consent given. */
@Stateless
public class OnboardingRecords {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    AssetStore assets;

    public Optional<String> wizardState(UUID userId) {
        return Optional.ofNullable(em.find(WizardState.class, userId)).map(WizardState::getState);
    }

    public void saveWizardState(UUID userId, String state) {
        WizardState existing = em.find(WizardState.class, userId);
        if (existing == null) {
            em.persist(new WizardState(userId, state));
        } else {
            existing.replace(state);
        }
    }

    public void clearWizardState(UUID userId) {
        Optional.ofNullable(em.find(WizardState.class, userId)).ifPresent(em::remove);
    }

    public Optional<VoiceConsent> consent(UUID jobId) {
        return Optional.ofNullable(em.find(VoiceConsent.class, jobId));
    }

    /**
     * Stores the spoken consent and the accepted statement for a job of {@code userId}.
     *
     * @throws IllegalStateException when consent was already recorded for this job
     */
    public VoiceConsent recordConsent(UUID jobId, UUID userId, String signerName, String statement,
                                      InputStream audio, String contentType) {
        if (consent(jobId).isPresent()) {
            throw new IllegalStateException("consent for this job was already recorded");
        }
        StoredAsset stored = assets.store(userId, AssetKind.CONSENT, contentType, audio, AudioFacts.UNKNOWN);
        VoiceConsent consent = new VoiceConsent(jobId, userId, signerName, statement, stored.id());
        em.persist(consent);
        return consent;
    }
}
