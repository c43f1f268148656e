package com.voxclone.quota.entity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What each user may hold or use. The first two are capacity (freed by deleting), the last two are use over time
 * (freed when jobs finish, or at midnight UTC).
 */
public enum Quota {

    VOICES("voices", "voices", "voices (kept or being cloned)", 50,
            "Delete a voice you no longer need, or ask an administrator for a higher quota."),
    STORED_BYTES("storedBytes", "stored-megabytes", "of stored audio", 2048,
            "Delete voices or samples you no longer need, or ask an administrator for a higher quota."),
    CONCURRENT_JOBS("concurrentJobs", "concurrent-jobs", "clone jobs pending or processing at once", 5,
            "Wait until one of your jobs has finished, then try again."),
    SYNTHESIS_SECONDS_PER_DAY("synthesisSecondsPerDay", "synthesis-seconds-per-day", "seconds of speech synthesised per UTC day",
            3600, "Your allowance starts again at midnight UTC.");

    private final String field;
    private final String setting;
    private final String counts;
    private final long defaultSetting;
    private final String remedy;

    Quota(String field, String setting, String counts, long defaultSetting, String remedy) {
        this.field = field;
        this.setting = setting;
        this.counts = counts;
        this.defaultSetting = defaultSetting;
        this.remedy = remedy;
    }

    /** The name in JSON answers and requests. */
    public String field() {
        return field;
    }

    /** The MicroProfile Config key of the default for every user, e.g. {@code voxclone.quota.concurrent-jobs}. */
    public String configKey() {
        return "voxclone.quota." + setting;
    }

    /** What is counted, for messages. */
    public String counts() {
        return counts;
    }

    /** What the user can do once it is reached. */
    public String remedy() {
        return remedy;
    }

    /** The default in the unit of its setting (megabytes for stored audio). */
    public long defaultSetting() {
        return defaultSetting;
    }

    /** A setting's value in the unit the quota counts in: megabytes of stored audio become bytes. */
    public long fromSetting(long setting) {
        return this == STORED_BYTES ? setting * 1024 * 1024 : setting;
    }

    /** Whether waiting frees room (a job finishes, a day ends), rather than deleting something. */
    public boolean freedByWaiting() {
        return this == CONCURRENT_JOBS || this == SYNTHESIS_SECONDS_PER_DAY;
    }

    /** How long to wait before asking again: until midnight UTC for the daily quota, a little while for running jobs. */
    public Optional<Duration> retryAfter(Instant now) {
        return switch (this) {
            case SYNTHESIS_SECONDS_PER_DAY -> Optional.of(Duration.between(now,
                    now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                    .truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
            case CONCURRENT_JOBS -> Optional.of(Duration.ofSeconds(30));
            default -> Optional.empty();
        };
    }

    public static Optional<Quota> ofField(String field) {
        for (Quota q : values()) {
            if (q.field.equals(field)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }
}
