-- A model per voice and per request. A voice keeps the model its conditioning was made with, a job the model it asks
-- for (its queue message names it, so only workers holding that model take it), a worker node the model it holds.
ALTER TABLE voice_profile ADD COLUMN model varchar(40);
UPDATE voice_profile SET model = CASE
    WHEN engine = 'chatterbox' AND conditioning_version LIKE '%chatterbox-turbo%' THEN 'chatterbox-turbo'
    ELSE engine END;
ALTER TABLE voice_profile ALTER COLUMN model SET NOT NULL;
ALTER TABLE voice_clone_job ADD COLUMN model varchar(40);
ALTER TABLE worker_node ADD COLUMN model_id varchar(40);
