-- Spoken consent: before a voice is cloned, its speaker reads a challenge aloud (the consent sentence and a few random
-- words). A challenge records who accepted which version of the consent statement, when and from where; it is valid
-- for minutes and used by one clone job at most; the worker's verdict (words heard, speaker match) is kept on it.
-- An administrator's override is a challenge without a recording, with who decided and why.
-- Deleted with the voice it was used for (the recording and the verdict go with the profile).
CREATE TABLE consent_challenge (
    id                UUID          PRIMARY KEY,
    user_id           UUID          NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    statement_version VARCHAR(40)   NOT NULL,
    spoken_text       VARCHAR(500)  NOT NULL,
    client_address    VARCHAR(64),
    created_at        TIMESTAMPTZ   NOT NULL,
    expires_at        TIMESTAMPTZ   NOT NULL,
    audio_asset_id    UUID          REFERENCES audio_asset (id) ON DELETE SET NULL,
    override_by       UUID          REFERENCES app_user (id) ON DELETE SET NULL,
    override_reason   VARCHAR(2000),
    job_id            UUID          UNIQUE REFERENCES voice_clone_job (id) ON DELETE SET NULL,
    used_at           TIMESTAMPTZ,
    verdict           VARCHAR(16),
    verdict_detail    VARCHAR(2000),
    words_heard       VARCHAR(1000),
    speaker_distance  DOUBLE PRECISION,
    decided_at        TIMESTAMPTZ,
    voice_id          VARCHAR(64)
);
CREATE INDEX consent_challenge_user ON consent_challenge (user_id);
CREATE INDEX consent_challenge_voice ON consent_challenge (voice_id);

-- voice_consent holds the consents recorded after submission, before spoken consent was verified; it is kept for
-- the record and no longer written.
COMMENT ON TABLE voice_consent IS 'Consents recorded before spoken consent was verified (no longer written)';
