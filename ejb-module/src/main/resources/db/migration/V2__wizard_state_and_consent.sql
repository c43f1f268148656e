-- The portal's onboarding wizard: one saved state per user (step and choices as JSON, never files), so a reload
-- or another device continues where the user left off.
CREATE TABLE onboarding_wizard (
    user_id    UUID        PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    state      TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The consent given for a clone job: the accepted statement, who gave it, and the spoken consent recording.
-- Kept when the voice is deleted (it records that cloning was permitted); removed with the user.
CREATE TABLE voice_consent (
    job_id         UUID          PRIMARY KEY REFERENCES voice_clone_job (id) ON DELETE CASCADE,
    user_id        UUID          NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    signer_name    VARCHAR(200)  NOT NULL,
    statement      VARCHAR(2000) NOT NULL,
    audio_asset_id UUID          REFERENCES audio_asset (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ   NOT NULL DEFAULT now()
);
