package com.voxclone.audio.entity;

import java.time.Duration;
import java.util.Objects;

/**
 * What an upload may be: at most {@code maxBytes} large and between {@code minDuration} and
 * {@code maxDuration} long.
 */
public record MediaLimits(long maxBytes, Duration minDuration, Duration maxDuration) {

    /** 50 MiB. */
    public static final long DEFAULT_MAX_BYTES = 52_428_800L;
    public static final Duration DEFAULT_MIN_DURATION = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMinutes(5);

    public MediaLimits {
        Objects.requireNonNull(minDuration, "minDuration");
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (minDuration.isNegative() || maxDuration.compareTo(minDuration) < 0) {
            throw new IllegalArgumentException("duration limits must satisfy 0 <= min <= max, were "
                    + minDuration + " and " + maxDuration);
        }
    }

    /** The product's limits: 50 MiB, 2 s to 5 min. */
    public static MediaLimits defaults() {
        return new MediaLimits(DEFAULT_MAX_BYTES, DEFAULT_MIN_DURATION, DEFAULT_MAX_DURATION);
    }
}
