-- Sign-in with a company account (OpenID Connect). Such a user is found again by the identity provider's
-- issuer and subject; API-key users have neither.
ALTER TABLE app_user ADD COLUMN oidc_issuer  VARCHAR(500);
ALTER TABLE app_user ADD COLUMN oidc_subject VARCHAR(255);
ALTER TABLE app_user ADD CONSTRAINT app_user_oidc_identity_whole CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL));
CREATE UNIQUE INDEX app_user_oidc_identity ON app_user (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- Portal sessions opened by a company sign-in. The browser holds a random token in an HttpOnly cookie; only its
-- SHA-256 hash is kept here.
CREATE TABLE portal_session (
    id         UUID        PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash CHAR(64)    NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX portal_session_user ON portal_session (user_id);
CREATE INDEX portal_session_expiry ON portal_session (expires_at);

-- Company sign-ins under way, between leaving for the identity provider and coming back: the hash of the state
-- sent along, the nonce expected in the ID token and the PKCE code verifier. Each is used once.
CREATE TABLE sign_in_attempt (
    state_hash    CHAR(64)      PRIMARY KEY,
    nonce         VARCHAR(100)  NOT NULL,
    code_verifier VARCHAR(128)  NOT NULL,
    redirect_uri  VARCHAR(1000) NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempt_created ON sign_in_attempt (created_at);
