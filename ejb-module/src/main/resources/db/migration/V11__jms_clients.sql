-- Enterprise systems on the message bus: one broker account each, acting for one user. The password lives only in
-- the broker (hashed there) and is shown once, when the account is created; revoked accounts are kept for the record.
CREATE TABLE jms_client (
    id          UUID         PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    user_id     UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    username    VARCHAR(64)  NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX jms_client_user ON jms_client (user_id);
