package com.voxclone.storage.entity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What is recorded about every stored audio file. */
public record StoredAsset(UUID id, UUID ownerId, AssetKind kind, String contentType, long sizeBytes, String sha256,
                          Long durationMs, Integer sampleRate, OffsetDateTime createdAt) {
}
