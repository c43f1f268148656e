package com.voxclone.job.entity;

import java.time.Duration;
import java.util.UUID;

/**
 * A job stopped at its time limit whose work has not returned yet: the thread that ran it is still held (a call that
 * does not stop when asked, such as a hung native engine call). Only a restart of the node frees it.
 */
public record StuckJob(UUID jobId, int attempt, String holder, Duration sinceStopped) {
}
