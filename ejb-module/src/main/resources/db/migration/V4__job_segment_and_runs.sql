-- The part of an upload a voice is learnt from (milliseconds from the start); both empty means the whole recording.
ALTER TABLE voice_clone_job ADD COLUMN segment_start_ms BIGINT;
ALTER TABLE voice_clone_job ADD COLUMN segment_end_ms BIGINT;
ALTER TABLE voice_clone_job ADD CONSTRAINT voice_clone_job_segment_check
    CHECK ((segment_start_ms IS NULL AND segment_end_ms IS NULL)
        OR (segment_start_ms >= 0 AND segment_end_ms > segment_start_ms));

-- Runs of a job: 1, plus one for each administrator retry (each run has its own attempts).
ALTER TABLE voice_clone_job ADD COLUMN runs INT NOT NULL DEFAULT 1;
