package com.voxclone.webhook.control;

import java.time.Duration;

/**
 * When a failed delivery is tried again: after the base delay, then twice as long each time (at most an hour), until
 * {@code maxAttempts} attempts have failed; then it is given up and shown as failed in the delivery log.
 */
public record RetrySchedule(Duration base, int maxAttempts) {

    static final Duration LONGEST = Duration.ofHours(1);

    /** The wait after {@code failedAttempts} failures; empty when there are no attempts left. */
    public java.util.Optional<Duration> after(int failedAttempts) {
        if (failedAttempts >= maxAttempts) {
            return java.util.Optional.empty();
        }
        Duration wait = base.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
        return java.util.Optional.of(wait.compareTo(LONGEST) > 0 ? LONGEST : wait);
    }
}
