package com.voxclone.engine.offline.control;

/**
 * Syllables per second of speech, counted as peaks of the smoothed energy envelope (syllable nuclei are its local
 * maxima). A peak counts when it lies inside speech, is the highest point within 70 ms either side and rises at least
 * 2 dB above the dip since the previous counted peak. An estimate, good for comparing voices, not a phonetic count.
 */
public final class SpeakingRateEstimator {

    private static final int SMOOTH_FRAMES = 2;
    private static final int PEAK_REACH = 7;
    private static final double MIN_DIP_DB = 2;

    private SpeakingRateEstimator() {
    }

    public static double syllablesPerSecond(float[] samples, int rate, boolean[] speech) {
        double seconds = VoiceActivityDetector.speechSeconds(speech);
        if (seconds <= 0) {
            return 0;
        }
        return countNuclei(samples, rate, speech) / seconds;
    }

    static int countNuclei(float[] samples, int rate, boolean[] speech) {
        double[] energy = smooth(VoiceActivityDetector.frameEnergiesDb(samples, rate));
        int count = 0;
        double dip = Double.POSITIVE_INFINITY;
        for (int f = 0; f < energy.length; f++) {
            dip = Math.min(dip, energy[f]);
            if (f >= speech.length || !speech[f] || !isLocalMaximum(energy, f)) {
                continue;
            }
            if (energy[f] - dip >= MIN_DIP_DB) {
                count++;
                dip = energy[f];
            }
        }
        return count;
    }

    private static boolean isLocalMaximum(double[] energy, int f) {
        for (int g = Math.max(0, f - PEAK_REACH); g <= Math.min(energy.length - 1, f + PEAK_REACH); g++) {
            if (energy[g] > energy[f]) {
                return false;
            }
        }
        return true;
    }

    private static double[] smooth(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int n = 0;
            for (int j = Math.max(0, i - SMOOTH_FRAMES); j <= Math.min(values.length - 1, i + SMOOTH_FRAMES); j++) {
                sum += values[j];
                n++;
            }
            out[i] = sum / n;
        }
        return out;
    }
}
