package com.voxclone.job.entity;

import java.util.List;
import java.util.UUID;

/** The jobs found with a lapsed lease in one look: those handed back to the queue, and those failed on their last attempt. */
public record LeaseRecovery(List<UUID> handedBack, List<UUID> failed) {
}
