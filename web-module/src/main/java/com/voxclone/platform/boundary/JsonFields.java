package com.voxclone.platform.boundary;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;

/** How the API writes values that JSON has no type for: instants in ISO 8601 UTC, absent text as {@code null}. */
public final class JsonFields {

    private JsonFields() {
    }

    public static String time(OffsetDateTime t) {
        return t.toInstant().toString();
    }

    public static JsonValue textOrNull(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }
}
