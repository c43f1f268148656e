package com.voxclone.quota.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** The limits an administrator set for one user; an empty one means the configured default applies. */
@Entity
@Table(name = "user_quota")
public class UserQuota {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    private Long voices;

    @Column(name = "stored_bytes")
    private Long storedBytes;

    @Column(name = "concurrent_jobs")
    private Long concurrentJobs;

    @Column(name = "synthesis_seconds_per_day")
    private Long synthesisSecondsPerDay;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected UserQuota() {
    }

    public UserQuota(UUID userId) {
        this.userId = userId;
        this.updatedAt = OffsetDateTime.now();
    }

    public Optional<Long> limit(Quota quota) {
        return Optional.ofNullable(switch (quota) {
            case VOICES -> voices;
            case STORED_BYTES -> storedBytes;
            case CONCURRENT_JOBS -> concurrentJobs;
            case SYNTHESIS_SECONDS_PER_DAY -> synthesisSecondsPerDay;
        });
    }

    /** Sets the user's own limit, or with an empty one goes back to the default. */
    public void set(Quota quota, Optional<Long> limit) {
        Long value = limit.orElse(null);
        switch (quota) {
            case VOICES -> voices = value;
            case STORED_BYTES -> storedBytes = value;
            case CONCURRENT_JOBS -> concurrentJobs = value;
            case SYNTHESIS_SECONDS_PER_DAY -> synthesisSecondsPerDay = value;
        }
        updatedAt = OffsetDateTime.now();
    }

    public boolean isEmpty() {
        return voices == null && storedBytes == null && concurrentJobs == null && synthesisSecondsPerDay == null;
    }
}
