package com.voxclone.account.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many requests each credential (an API key, a portal session) may make: {@code voxclone.limits.requests-per-minute}
 * ({@code VOXCLONE_LIMITS_REQUESTS_PER_MINUTE}, default 1200) on average, in bursts of up to as many. A token bucket per
 * credential, kept in memory on each web node; a credential that stays idle is forgotten once its bucket is full again.
 */
@ApplicationScoped
public class RequestRate {

    /** Buckets kept before idle ones are swept out. */
    private static final int SWEEP_ABOVE = 10_000;
    /** At most one sweep a minute: with many busy credentials a sweep frees little, and it must not run per request. */
    private static final long SWEEP_EVERY_NANOS = 60_000_000_000L;

    @Inject
    @ConfigProperty(name = "voxclone.limits.requests-per-minute", defaultValue = "1200")
    int requestsPerMinute;

    LongSupplier clock = System::nanoTime;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

    public RequestRate() {
    }

    /** An allowance of {@code requestsPerMinute}, for use outside the container. */
    public RequestRate(int requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
        check();
    }

    @PostConstruct
    void check() {
        if (requestsPerMinute < 1) {
            throw new IllegalStateException("voxclone.limits.requests-per-minute must be at least 1, was " + requestsPerMinute);
        }
    }

    public int requestsPerMinute() {
        return requestsPerMinute;
    }

    /**
     * Takes one request from the credential's allowance.
     *
     * @return empty when the request may go ahead, else how long until it would
     */
    public Optional<Duration> take(String credential) {
        long now = clock.getAsLong();
        long last = lastSweep.get();
        if (buckets.size() > SWEEP_ABOVE && (last == Long.MIN_VALUE || now - last > SWEEP_EVERY_NANOS)
                && lastSweep.compareAndSet(last, now)) {
            buckets.values().removeIf(b -> b.fullAt(now, requestsPerMinute));
        }
        return buckets.computeIfAbsent(credential, c -> new Bucket(requestsPerMinute, now)).take(now, requestsPerMinute);
    }

    /** Tokens refill continuously at the allowed rate, up to one minute's worth. */
    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updated = now;
        }

        synchronized Optional<Duration> take(long now, int perMinute) {
            refill(now, perMinute);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            double nanosPerToken = 60e9 / perMinute;
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken)));
        }

        synchronized boolean fullAt(long now, int perMinute) {
            refill(now, perMinute);
            return tokens >= perMinute;
        }

        private void refill(long now, int perMinute) {
            tokens = Math.min(perMinute, tokens + (now - updated) * perMinute / 60e9);
            updated = now;
        }
    }
}
