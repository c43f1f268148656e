package com.voxclone.integration.entity;

import com.voxclone.messaging.entity.Destinations;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An enterprise system's broker account, acting for one user; revoked ones are kept for the record. */
public record JmsClient(UUID id, String name, UUID userId, String username, OffsetDateTime createdAt, OffsetDateTime revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** The queue this account reads its replies from. */
    public String replyQueue() {
        return Destinations.repliesOf(username);
    }

    /** The topic of its owner's job status changes. */
    public String statusTopic() {
        return Destinations.jobStatusOf(userId);
    }
}
