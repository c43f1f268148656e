-- Requests sent with an Idempotency-Key: the first one's answer is kept for a day, so that a retry of the same request
-- gets the same answer (the same job) instead of creating another. status_code is null while the first one runs.
CREATE TABLE idempotent_request (
    user_id       UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    idem_key      VARCHAR(255) NOT NULL,
    fingerprint   CHAR(64)     NOT NULL,
    status_code   INTEGER,
    response_body TEXT,
    location      TEXT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
