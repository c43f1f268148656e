-- A job being worked on is leased to the node working on it, which renews the lease while it works. A lease that runs
-- out means the node stopped without an outcome (killed, cut off, or without its database when the attempt ended):
-- the job is handed back to the queue, or failed when that was its last attempt, instead of staying processing.
ALTER TABLE voice_clone_job ADD COLUMN lease_holder VARCHAR(200);
ALTER TABLE voice_clone_job ADD COLUMN lease_expires_at TIMESTAMPTZ;
-- Jobs processing before leases existed get one, so that those left behind by a stopped node are found too.
UPDATE voice_clone_job SET lease_expires_at = now() + interval '10 minutes' WHERE status = 'processing';
CREATE INDEX voice_clone_job_lease ON voice_clone_job (lease_expires_at) WHERE status = 'processing';
