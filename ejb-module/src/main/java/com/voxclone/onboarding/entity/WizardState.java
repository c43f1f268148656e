package com.voxclone.onboarding.entity;

import com.voxclone.platform.entity.Timestamps;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Where a user is in the portal's onboarding wizard: the step and the choices made, as a JSON document. */
@Entity
@Table(name = "onboarding_wizard")
public class WizardState {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "state", nullable = false)
    private String state;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected WizardState() {
    }

    public WizardState(UUID userId, String state) {
        this.userId = userId;
        replace(state);
    }

    public final void replace(String newState) {
        this.state = newState;
        this.updatedAt = Timestamps.now();
    }

    public UUID getUserId() {
        return userId;
    }

    public String getState() {
        return state;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }
}
