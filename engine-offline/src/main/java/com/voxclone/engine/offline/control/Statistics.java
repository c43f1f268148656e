package com.voxclone.engine.offline.control;

import java.util.Arrays;

/** Order statistics used by the robust estimators. */
public final class Statistics {

    private Statistics() {
    }

    /** Linear-interpolated percentile (0-100) of the values; NaN for none. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    /** The strictly positive entries (voiced F0 frames). */
    public static double[] positive(double[] values) {
        return Arrays.stream(values).filter(v -> v > 0).toArray();
    }

    public static double semitones(double hz, double referenceHz) {
        return 12 * Math.log(hz / referenceHz) / Math.log(2);
    }
}
