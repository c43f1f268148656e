package com.voxclone.importer.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many imports (listing, preview, cloning from a URL) run at once on this web node, in all and per user. An import
 * holds a request thread, a download and yt-dlp for up to the import timeout; past the cap it is refused at once
 * instead of queueing behind the others.
 */
@ApplicationScoped
public class ImportSlots {

    @Inject
    @ConfigProperty(name = "voxclone.import.max-concurrent", defaultValue = "4")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "voxclone.import.max-concurrent-per-user", defaultValue = "2")
    int maxPerUser;

    private Semaphore all;
    private final Map<UUID, Semaphore> perUser = new ConcurrentHashMap<>();

    public ImportSlots() {
    }

    /** Slots for use outside the container. */
    public ImportSlots(int maxConcurrent, int maxPerUser) {
        this.maxConcurrent = maxConcurrent;
        this.maxPerUser = maxPerUser;
        create();
    }

    @PostConstruct
    void create() {
        if (maxConcurrent < 1 || maxPerUser < 1) {
            throw new IllegalStateException("voxclone.import.max-concurrent and voxclone.import.max-concurrent-per-user "
                    + "must be at least 1, were " + maxConcurrent + " and " + maxPerUser);
        }
        all = new Semaphore(maxConcurrent);
    }

    /** A slot that the caller closes when the import is over. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** A slot for an import of {@code userId}; empty when the user's or this node's imports are all in use. */
    public Optional<Slot> take(UUID userId) {
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

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int maxPerUser() {
        return maxPerUser;
    }
}
