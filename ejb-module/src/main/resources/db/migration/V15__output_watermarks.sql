-- Every synthesised or converted output carries a watermark whose payload is an id from this sequence; the audit
-- event that records the output keeps the same id, so a detected watermark leads back to who made what, when.
CREATE SEQUENCE watermark_id_seq AS BIGINT START WITH 1;
ALTER TABLE audit_event ADD COLUMN watermark_id BIGINT;
CREATE INDEX audit_event_watermark ON audit_event (watermark_id) WHERE watermark_id IS NOT NULL;

-- The key the watermark pattern is drawn from, unless the deployment sets voxclone.watermark.key: random, made once
-- per installation (two random UUIDs, 244 random bits), shared by every node through the database.
INSERT INTO runtime_setting (name, value, updated_at)
VALUES ('watermark.key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), now());
