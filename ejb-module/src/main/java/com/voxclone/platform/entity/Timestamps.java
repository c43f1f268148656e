package com.voxclone.platform.entity;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** The current time at the database's precision (microseconds), so a stored value reads back unchanged. */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A {@code timestamptz} column read by a native query (the driver's type), or null. */
    public static OffsetDateTime ofColumn(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
