package com.voxclone.importer.control;

import com.voxclone.platform.boundary.ConcurrencyLimit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many imports (listing, preview, cloning from a URL) run at once on this web node, in all and per user. An import
 * holds a request thread, a download and yt-dlp for up to the import timeout.
 */
@ApplicationScoped
public class ImportSlots {

    @Inject
    @ConfigProperty(name = "voxclone.import.max-concurrent", defaultValue = "4")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "voxclone.import.max-concurrent-per-user", defaultValue = "2")
    int maxPerUser;

    private ConcurrencyLimit limit;

    @PostConstruct
    void create() {
        try {
            limit = new ConcurrencyLimit(maxConcurrent, maxPerUser);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("voxclone.import.max-concurrent and voxclone.import.max-concurrent-per-user: "
                    + e.getMessage(), e);
        }
    }

    /** A slot for an import of {@code userId}; empty when the user's or this node's imports are all in use. */
    public Optional<ConcurrencyLimit.Slot> take(UUID userId) {
        return limit.take(userId);
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int maxPerUser() {
        return maxPerUser;
    }
}
