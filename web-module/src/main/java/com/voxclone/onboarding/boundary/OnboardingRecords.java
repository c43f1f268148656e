package com.voxclone.onboarding.boundary;

import com.voxclone.onboarding.entity.WizardState;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/** What the portal keeps about onboarding besides the job: the wizard's saved state. */
@Stateless
public class OnboardingRecords {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

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
}
