-- VoxClone initial schema. JSON documents are stored as text written by the application.

CREATE TABLE app_user (
    id          UUID         PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    role        VARCHAR(16)  NOT NULL CHECK (role IN ('user', 'admin')),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    disabled_at TIMESTAMPTZ
);

-- API keys: only a SHA-256 hash is kept; the key itself is shown once, when created.
CREATE TABLE api_key (
    id           UUID        PRIMARY KEY,
    user_id      UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    key_hash     CHAR(64)    NOT NULL UNIQUE,
    key_prefix   VARCHAR(16) NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_key_user ON api_key (user_id);

-- Audio assets (uploads, normalised references, renderings). The bytes live in fixed-size chunks so that
-- any node can stream them without holding a whole file in memory.
CREATE TABLE audio_asset (
    id           UUID         PRIMARY KEY,
    owner_id     UUID         REFERENCES app_user (id) ON DELETE CASCADE,
    kind         VARCHAR(24)  NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    duration_ms  BIGINT,
    sample_rate  INTEGER,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX audio_asset_owner ON audio_asset (owner_id);

CREATE TABLE audio_asset_chunk (
    asset_id UUID    NOT NULL REFERENCES audio_asset (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    data     BYTEA   NOT NULL,
    PRIMARY KEY (asset_id, seq)
);

CREATE TABLE voice_profile (
    id                   UUID         PRIMARY KEY,
    voice_id             VARCHAR(64)  NOT NULL UNIQUE,
    user_id              UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    voice_name           VARCHAR(100) NOT NULL,
    reference_audio_id   UUID         REFERENCES audio_asset (id) ON DELETE SET NULL,
    reference_mp3_id     UUID         REFERENCES audio_asset (id) ON DELETE SET NULL,
    is_active            BOOLEAN      NOT NULL DEFAULT TRUE,
    settings             TEXT         NOT NULL,
    engine               VARCHAR(32)  NOT NULL,
    conditioning_version VARCHAR(64),
    conditioning         BYTEA,
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX voice_profile_user ON voice_profile (user_id, created_at DESC);

-- The recordings a voice was enrolled from (one per clone job; more can be added later).
CREATE TABLE voice_sample (
    id                 UUID        PRIMARY KEY,
    voice_profile_id   UUID        NOT NULL REFERENCES voice_profile (id) ON DELETE CASCADE,
    upload_asset_id    UUID        REFERENCES audio_asset (id) ON DELETE SET NULL,
    reference_asset_id UUID        REFERENCES audio_asset (id) ON DELETE SET NULL,
    duration_ms        BIGINT      NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX voice_sample_profile ON voice_sample (voice_profile_id);

CREATE TABLE voice_clone_job (
    id                 UUID         PRIMARY KEY,
    user_id            UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    status             VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    voice_name         VARCHAR(100) NOT NULL,
    test_text          VARCHAR(60),
    settings           TEXT         NOT NULL,
    upload_asset_id    UUID         REFERENCES audio_asset (id) ON DELETE SET NULL,
    voice_id           VARCHAR(64),
    result_asset_id    UUID         REFERENCES audio_asset (id) ON DELETE SET NULL,
    error              TEXT,
    processing_time_ms BIGINT,
    worker_info        TEXT,
    attempts           INTEGER      NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX voice_clone_job_user ON voice_clone_job (user_id, created_at DESC);
CREATE INDEX voice_clone_job_status ON voice_clone_job (status);

-- Every status change of a job, in order.
CREATE TABLE job_event (
    id          BIGSERIAL    PRIMARY KEY,
    job_id      UUID         NOT NULL REFERENCES voice_clone_job (id) ON DELETE CASCADE,
    status      VARCHAR(16)  NOT NULL,
    message     TEXT,
    worker_node VARCHAR(200),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX job_event_job ON job_event (job_id, id);

-- Worker nodes announce themselves with a heartbeat; readiness needs at least one fresh heartbeat.
CREATE TABLE worker_node (
    node_name          VARCHAR(200) PRIMARY KEY,
    host               VARCHAR(200) NOT NULL,
    engine             VARCHAR(32)  NOT NULL,
    quality_tier       VARCHAR(16)  NOT NULL,
    model              VARCHAR(200),
    execution_provider VARCHAR(64),
    device             VARCHAR(200),
    current_job_id     UUID,
    started_at         TIMESTAMPTZ  NOT NULL,
    last_heartbeat_at  TIMESTAMPTZ  NOT NULL
);
