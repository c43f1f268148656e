-- The audit trail: who did what with which voice, when and by which way in (syntheses with a hash of their text,
-- consent decisions and overrides, voice lifecycle, key and user changes, administrators' actions). Append-only for
-- the application: a trigger refuses every update, delete and truncate. Rows name users and voices by id and outlive
-- them (no foreign keys), so the record stays whole when a voice or a user is deleted.
CREATE TABLE audit_event (
    id          BIGSERIAL     PRIMARY KEY,
    at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    action      VARCHAR(48)   NOT NULL,
    way_in      VARCHAR(16)   NOT NULL,
    actor_id    UUID,
    user_id     UUID,
    voice_id    VARCHAR(64),
    text_sha256 CHAR(64),
    detail      VARCHAR(2000)
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_user ON audit_event (user_id, at);
CREATE INDEX audit_event_voice ON audit_event (voice_id, at);
CREATE INDEX audit_event_action ON audit_event (action, at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on audit_event is not allowed', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
