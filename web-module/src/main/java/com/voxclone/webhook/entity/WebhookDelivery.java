package com.voxclone.webhook.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One event for one endpoint, as the delivery log shows it. */
public record WebhookDelivery(UUID id, String event, UUID jobId, String state, int attempts, Integer lastStatusCode,
                              String lastError, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
                              OffsetDateTime deliveredAt) {
}
