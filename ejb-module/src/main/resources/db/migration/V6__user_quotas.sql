-- Quotas an administrator set for one user; a null column means the configured default applies to that user.
CREATE TABLE user_quota (
    user_id                   UUID        PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    voices                    BIGINT,
    stored_bytes              BIGINT,
    concurrent_jobs           BIGINT,
    synthesis_seconds_per_day BIGINT,
    updated_at                TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Speech produced for each user per UTC day, for the daily synthesis quota.
CREATE TABLE synthesis_usage (
    user_id  UUID   NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    day      DATE   NOT NULL,
    audio_ms BIGINT NOT NULL,
    PRIMARY KEY (user_id, day)
);
