package com.voxclone.engine.offline.control;

import java.util.Arrays;

/**
 * Energy and zero-crossing voice activity detection on 10 ms frames. A frame is speech when its energy stands well
 * above the recording's noise floor (its quietest frames) and not too far below its loudest; quiet frames with many
 * zero crossings next to speech are kept as fricatives. Short gaps are bridged so words are not cut apart.
 */
public final class VoiceActivityDetector {

    static final double HOP_SECONDS = 0.010;
    private static final double FLOOR_MARGIN_DB = 10;
    private static final double BELOW_PEAK_DB = 40;
    private static final int HANGOVER_FRAMES = 8;
    private static final double ABSOLUTE_FLOOR_DB = -65;

    private VoiceActivityDetector() {
    }

    /**
     * How many whole frames of {@code window} samples, {@code hop} apart, fit in {@code length} samples: none when even
     * one does not (integer division rounds a negative remainder toward zero, which would count one too many).
     */
    static int frameCount(int length, int window, int hop) {
        return length < window ? 0 : (length - window) / hop + 1;
    }

    /** Frame energies in dB (10 ms hop, 20 ms window). */
    static double[] frameEnergiesDb(float[] samples, int rate) {
        int hop = (int) Math.round(rate * HOP_SECONDS);
        int window = 2 * hop;
        int frames = frameCount(samples.length, window, hop);
        double[] energies = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = f * hop; i < f * hop + window; i++) {
                sum += samples[i] * samples[i];
            }
            energies[f] = 10 * Math.log10(sum / window + 1e-12);
        }
        return energies;
    }

    /** Which 10 ms frames hold speech. */
    public static boolean[] speechFrames(float[] samples, int rate) {
        double[] energies = frameEnergiesDb(samples, rate);
        boolean[] speech = new boolean[energies.length];
        if (energies.length == 0) {
            return speech;
        }
        double[] sorted = energies.clone();
        Arrays.sort(sorted);
        double floor = sorted[(int) (0.05 * (sorted.length - 1))];
        double peak = sorted[(int) (0.99 * (sorted.length - 1))];
        // Without quiet stretches (a steady sound) the floor is the speech itself: stay a margin below the peak.
        double threshold = Math.max(Math.max(Math.min(floor + FLOOR_MARGIN_DB, peak - FLOOR_MARGIN_DB), peak - BELOW_PEAK_DB),
                ABSOLUTE_FLOOR_DB);
        double fricativeThreshold = Math.max(Math.max(Math.min(floor + FLOOR_MARGIN_DB / 2, peak - FLOOR_MARGIN_DB),
                peak - BELOW_PEAK_DB - 10), ABSOLUTE_FLOOR_DB);
        int hop = (int) Math.round(rate * HOP_SECONDS);
        for (int f = 0; f < energies.length; f++) {
            speech[f] = energies[f] > threshold
                    || (energies[f] > fricativeThreshold && zeroCrossingRate(samples, f * hop, 2 * hop) > 0.25);
        }
        bridgeGaps(speech);
        return speech;
    }

    static double zeroCrossingRate(float[] samples, int from, int length) {
        int crossings = 0;
        for (int i = from + 1; i < from + length && i < samples.length; i++) {
            if ((samples[i] >= 0) != (samples[i - 1] >= 0)) {
                crossings++;
            }
        }
        return crossings / (double) length;
    }

    private static void bridgeGaps(boolean[] speech) {
        int lastSpeech = -1;
        for (int f = 0; f < speech.length; f++) {
            if (speech[f]) {
                if (lastSpeech >= 0 && f - lastSpeech > 1 && f - lastSpeech <= HANGOVER_FRAMES) {
                    for (int g = lastSpeech + 1; g < f; g++) {
                        speech[g] = true;
                    }
                }
                lastSpeech = f;
            }
        }
    }

    public static double speechSeconds(boolean[] frames) {
        int count = 0;
        for (boolean b : frames) {
            count += b ? 1 : 0;
        }
        return count * HOP_SECONDS;
    }
}
