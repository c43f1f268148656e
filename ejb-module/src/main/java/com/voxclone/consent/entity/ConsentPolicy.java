package com.voxclone.consent.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Whether a voice may be cloned only with its speaker's verified spoken consent. */
public enum ConsentPolicy {
    /** Verified spoken consent, or an administrator's recorded override, for every new voice. */
    REQUIRE,
    /** For development and test installations only: consent is checked when given, never demanded. */
    OFF;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy named by a setting, or an error listing the ones there are. */
    public static ConsentPolicy of(String value) {
        for (ConsentPolicy p : values()) {
            if (p.value().equalsIgnoreCase(value.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown consent policy '" + value + "'; the policies are "
                + Arrays.stream(values()).map(ConsentPolicy::value).collect(Collectors.joining(" and ")) + ".");
    }
}
