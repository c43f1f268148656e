-- A node's current jobs are the jobs it holds the lease of: a worker runs several at once, and one column could only
-- name the last one started (and lost it when another ended).
ALTER TABLE worker_node DROP COLUMN current_job_id;
