package com.voxclone.job.entity;

import java.util.Locale;

/** pending → processing → completed | failed. A finished job never changes again. */
public enum JobStatus {
    PENDING, PROCESSING, COMPLETED, FAILED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }

    public static JobStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
