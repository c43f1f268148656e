package com.voxclone.platform.boundary;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many long-running requests of one kind run at once on this node, in all and per user. Past either limit a
 * request is refused at once rather than queued behind the others, so a few slow ones cannot take every thread.
 */
public final class ConcurrencyLimit {

    private final int maxAll;
    private final int maxPerUser;
    private final Semaphore all;
    private final Map<UUID, Semaphore> perUser = new ConcurrentHashMap<>();

    public ConcurrencyLimit(int maxAll, int maxPerUser) {
        if (maxAll < 1 || maxPerUser < 1) {
            throw new IllegalArgumentException("limits must be at least 1, were " + maxAll + " in all and " + maxPerUser + " per user");
        }
        this.maxAll = maxAll;
        this.maxPerUser = maxPerUser;
        this.all = new Semaphore(maxAll);
    }

    /** A slot that the caller closes when the work is over; closing twice frees it once. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** A slot for work of {@code userId}; empty when the user's or this node's slots are all in use. */
    public Optional<Slot> take(UUID userId) {
        // One small semaphore per user who ever asked; users are accounts of one company, so this stays small.
        Semaphore own = perUser.computeIfAbsent(userId, u -> new Semaphore(maxPerUser));
        if (!own.tryAcquire()) {
            return Optional.empty();
        }
        if (!all.tryAcquire()) {
            own.release();
            return Optional.empty();
        }
        return Optional.of(new Slot() {
            private boolean open = true;

            @Override
            public synchronized void close() {
                if (open) {
                    open = false;
                    all.release();
                    own.release();
                }
            }
        });
    }

    public int maxAll() {
        return maxAll;
    }

    public int maxPerUser() {
        return maxPerUser;
    }
}
