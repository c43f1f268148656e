-- Where each user wants job events delivered. The secret signs every delivery; it is shown once, when created.
CREATE TABLE webhook_endpoint (
    id          UUID        PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    url         TEXT        NOT NULL,
    secret      VARCHAR(64) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_endpoint_user ON webhook_endpoint (user_id);

-- One event for one endpoint, written in the transaction that changed the job (an outbox), then sent and retried.
CREATE TABLE webhook_delivery (
    id               UUID        PRIMARY KEY,
    endpoint_id      UUID        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event            VARCHAR(32) NOT NULL,
    job_id           UUID,
    payload          TEXT        NOT NULL,
    state            VARCHAR(16) NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at     TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at DESC);
