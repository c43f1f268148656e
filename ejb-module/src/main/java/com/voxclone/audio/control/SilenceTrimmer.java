package com.voxclone.audio.control;

import java.util.Arrays;

/**
 * Finds where the voice starts and ends, by frame energy. A frame counts as voice when it is within
 * 40 dB of the recording's loud level (its 95th-percentile frame), or, in noisy recordings, at least
 * 6 dB above the noise floor (the 10th-percentile frame). Voice must last {@value #MIN_RUN_FRAMES}
 * frames in a row so that a click does not count. A margin is kept on both sides so that soft onsets
 * and breath are not cut. When nothing qualifies the clip is kept whole: trimming never empties it.
 */
public final class SilenceTrimmer {

    /** The part of the clip to keep, as sample indices [start, end). */
    public record Span(int start, int end) {
        public int length() {
            return end - start;
        }
    }

    private static final double FRAME_SECONDS = 0.010;
    private static final int MIN_RUN_FRAMES = 3;
    private static final double DYNAMIC_RANGE_DB = 40;
    private static final double NOISE_MARGIN_DB = 6;
    private static final double ABSOLUTE_FLOOR_DB = -70;

    private final double marginSeconds;

    /** @param marginSeconds silence left before the first and after the last voiced frame */
    public SilenceTrimmer(double marginSeconds) {
        if (marginSeconds < 0) {
            throw new IllegalArgumentException("margin must not be negative, was " + marginSeconds);
        }
        this.marginSeconds = marginSeconds;
    }

    public Span voicedSpan(float[] samples, int sampleRate) {
        int frameLength = Math.max(1, (int) Math.round(FRAME_SECONDS * sampleRate));
        int frames = samples.length / frameLength;
        if (frames < MIN_RUN_FRAMES) {
            return new Span(0, samples.length);
        }
        double[] levels = frameLevelsDb(samples, frameLength, frames);
        double threshold = threshold(levels);

        int first = firstRun(levels, threshold);
        if (first < 0) {
            return new Span(0, samples.length);
        }
        int last = lastRun(levels, threshold);
        int margin = (int) Math.round(marginSeconds * sampleRate);
        int start = Math.max(0, first * frameLength - margin);
        int end = Math.min(samples.length, (last + 1) * frameLength + margin);
        return new Span(start, end);
    }

    private static double threshold(double[] levels) {
        double[] sorted = levels.clone();
        Arrays.sort(sorted);
        double loud = percentile(sorted, 0.95);
        double noise = percentile(sorted, 0.10);
        double threshold = Math.max(loud - DYNAMIC_RANGE_DB, ABSOLUTE_FLOOR_DB);
        if (noise + NOISE_MARGIN_DB > threshold) {
            // Noisy recording: the noise itself must not count as voice, but stay below the loud level.
            threshold = Math.min(noise + NOISE_MARGIN_DB, loud - NOISE_MARGIN_DB);
        }
        return threshold;
    }

    private static int firstRun(double[] levels, double threshold) {
        int run = 0;
        for (int i = 0; i < levels.length; i++) {
            run = levels[i] > threshold ? run + 1 : 0;
            if (run == MIN_RUN_FRAMES) {
                return i - MIN_RUN_FRAMES + 1;
            }
        }
        return -1;
    }

    private static int lastRun(double[] levels, double threshold) {
        int run = 0;
        for (int i = levels.length - 1; i >= 0; i--) {
            run = levels[i] > threshold ? run + 1 : 0;
            if (run == MIN_RUN_FRAMES) {
                return i + MIN_RUN_FRAMES - 1;
            }
        }
        return -1;
    }

    private static double[] frameLevelsDb(float[] samples, int frameLength, int frames) {
        double[] levels = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * frameLength; i < (f + 1) * frameLength; i++) {
                sum += samples[i] * samples[i];
            }
            levels[f] = 10 * Math.log10(sum / frameLength + 1e-20);
        }
        return levels;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}
