-- Jobs can also work on an existing voice: add a sample (upload set) or enrol again from the remaining samples
-- (no upload). Plain clone jobs leave target_voice_id empty.
ALTER TABLE voice_clone_job ADD COLUMN target_voice_id VARCHAR(64);
