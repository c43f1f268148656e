package com.voxclone.audio.entity;

import java.time.Duration;

public record MediaLimits(long maxBytes, Duration minDuration, Duration maxDuration) {
    public static MediaLimits defaults() {
        return new MediaLimits(52_428_800L, Duration.ofSeconds(2), Duration.ofMinutes(5));
    }
}
