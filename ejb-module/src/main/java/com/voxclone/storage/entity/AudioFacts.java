package com.voxclone.storage.entity;

/** Audio properties measured before storing; either may be unknown. */
public record AudioFacts(Long durationMs, Integer sampleRate) {
    public static final AudioFacts UNKNOWN = new AudioFacts(null, null);
}
