package com.voxclone.importer.entity;

import java.time.Duration;

/**
 * Bounds on fetching media from the internet.
 *
 * @param maxBytes              largest download accepted
 * @param timeout               the whole download, redirects included
 * @param maxRedirects          redirects followed, each checked again
 * @param allowPrivateAddresses only for tests against a local server: lets loopback and private addresses through
 */
public record ImportLimits(long maxBytes, Duration timeout, int maxRedirects, boolean allowPrivateAddresses) {

    public static ImportLimits defaults() {
        return new ImportLimits(50L * 1024 * 1024, Duration.ofSeconds(60), 5, false);
    }
}
