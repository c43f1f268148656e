package com.voxclone.account.entity;

/** What a caller may do: {@code user} works with own voices and jobs; {@code admin} also runs the service. */
public enum Role {
    USER, ADMIN;

    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
