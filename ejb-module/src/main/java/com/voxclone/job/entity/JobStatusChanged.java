package com.voxclone.job.entity;

import jakarta.json.JsonObject;
import java.util.UUID;

/**
 * A job's status changed; fired inside the transaction that stores the change, so observers' writes go with it.
 *
 * @param job the job as the status endpoint shows it (its status included)
 */
public record JobStatusChanged(UUID jobId, UUID userId, JsonObject job) {
}
