package com.voxclone.engine.offline.control;

import com.voxclone.audio.entity.PcmAudio;

/**
 * Band-limited sample-rate conversion by windowed-sinc interpolation (Kaiser window, 32 zero crossings each side).
 * The kernel is tabulated finely once, so arbitrary ratios cost one table lookup per tap. When the rate goes down the
 * cut-off follows the new Nyquist frequency, so nothing aliases.
 */
public final class Resampler {

    private static final int ZERO_CROSSINGS = 32;
    private static final int TABLE_STEPS = 512;
    private static final double KAISER_BETA = 8.6;
    private static final double CUTOFF = 0.95;
    private static final float[] KERNEL = tabulate();

    private Resampler() {
    }

    public static PcmAudio toRate(PcmAudio audio, int targetRate) {
        return audio.sampleRate() == targetRate ? audio : new PcmAudio(resample(audio.samples(), audio.sampleRate(), targetRate), targetRate);
    }

    /**
     * Converts samples taken at {@code fromRate} to {@code toRate}. Rates are doubles so callers can declare the input
     * to be at a rate it was not recorded at: playing speech slower or faster this way moves its formants.
     */
    public static float[] resample(float[] in, double fromRate, double toRate) {
        double step = fromRate / toRate;
        int outLength = (int) Math.floor(in.length / step);
        float[] out = new float[outLength];
        double scale = Math.min(1.0, toRate / fromRate) * CUTOFF;
        double tableStep = scale * TABLE_STEPS;
        int reach = (int) Math.ceil(ZERO_CROSSINGS / scale);
        for (int i = 0; i < outLength; i++) {
            double position = i * step;
            int centre = (int) Math.floor(position);
            double frac = position - centre;
            double sum = 0;
            int from = Math.max(0, centre - reach + 1);
            int to = Math.min(in.length - 1, centre + reach);
            for (int j = from; j <= to; j++) {
                double t = Math.abs(j - centre - frac) * tableStep;
                int index = (int) t;
                if (index >= KERNEL.length - 1) {
                    continue;
                }
                double w = KERNEL[index] + (KERNEL[index + 1] - KERNEL[index]) * (t - index);
                sum += in[j] * w;
            }
            out[i] = (float) (sum * scale);
        }
        return out;
    }

    private static float[] tabulate() {
        int length = ZERO_CROSSINGS * TABLE_STEPS + 2;
        float[] table = new float[length];
        double denominator = besselI0(KAISER_BETA);
        for (int i = 0; i < length; i++) {
            double x = (double) i / TABLE_STEPS;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = x / ZERO_CROSSINGS;
            double window = r >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / denominator;
            table[i] = (float) (sinc * window);
        }
        return table;
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }
}
