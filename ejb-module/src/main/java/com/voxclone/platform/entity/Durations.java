package com.voxclone.platform.entity;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in messages: "1.2 s", "10 s", "4 min 30 s", "5 min". */
public final class Durations {

    private Durations() {
    }

    /** Whole seconds below a minute without a decimal ("10 s"), otherwise as {@link #spoken(double)}. */
    public static String spoken(Duration duration) {
        double seconds = duration.toMillis() / 1000.0;
        return seconds < 60 && seconds == Math.rint(seconds) ? (long) seconds + " s" : spoken(seconds);
    }

    /** Below a minute to a tenth of a second ("1.2 s"), from a minute on in minutes and whole seconds. */
    public static String spoken(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        long minutes = whole / 60;
        long rest = whole % 60;
        return rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
    }
}
