package com.voxclone.webhook.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A user's webhook endpoint; the secret is known only when it is created. */
public record WebhookEndpoint(UUID id, String url, OffsetDateTime createdAt) {
}
