package com.voxclone.account.entity;

import java.util.Locale;

/** What a caller may do: {@code user} works with own voices and jobs; {@code admin} also runs the service. */
public enum Role {
    USER, ADMIN;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
