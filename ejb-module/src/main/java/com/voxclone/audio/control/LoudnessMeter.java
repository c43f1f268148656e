package com.voxclone.audio.control;

/**
 * Integrated loudness of mono audio after ITU-R BS.1770-4: K-weighting (a high-shelf "head" filter
 * followed by the RLB high-pass), mean square over 400 ms blocks with 75 % overlap, an absolute gate
 * at -70 LUFS and a relative gate 10 LU below the loudness of the blocks that pass it. The filter
 * coefficients are derived for any sample rate from the analogue prototype (the standard lists them
 * only for 48 kHz); at 48 kHz they match the published values.
 */
public final class LoudnessMeter {

    /** Loudness reported for digital silence or audio without a single block above the absolute gate. */
    public static final double SILENCE_LUFS = Double.NEGATIVE_INFINITY;

    private static final double ABSOLUTE_GATE_LUFS = -70.0;
    private static final double RELATIVE_GATE_LU = -10.0;
    private static final double BLOCK_SECONDS = 0.4;
    private static final double STEP_SECONDS = 0.1;

    private LoudnessMeter() {
    }

    /** Integrated loudness in LUFS, or {@link #SILENCE_LUFS}. Clips shorter than one block are measured as one block. */
    public static double integratedLoudness(float[] samples, int sampleRate) {
        if (samples.length == 0) {
            return SILENCE_LUFS;
        }
        double[] weighted = kWeighted(samples, sampleRate);
        double[] blockPowers = blockMeanSquares(weighted, sampleRate);

        double absoluteThreshold = power(ABSOLUTE_GATE_LUFS);
        double ungated = meanAbove(blockPowers, absoluteThreshold);
        if (Double.isNaN(ungated)) {
            return SILENCE_LUFS;
        }
        double relativeThreshold = Math.max(absoluteThreshold, ungated * Math.pow(10, RELATIVE_GATE_LU / 10));
        return lufs(meanAbove(blockPowers, relativeThreshold));
    }

    private static double[] kWeighted(float[] samples, int rate) {
        // Stage 1: high shelf, +4 dB above ~1.7 kHz, modelling the acoustic effect of the head.
        double f0 = 1681.974450955533;
        double gainDb = 3.999843853973347;
        double q = 0.7071752369554196;
        double k = Math.tan(Math.PI * f0 / rate);
        double vh = Math.pow(10.0, gainDb / 20.0);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1.0 + k / q + k * k;
        Biquad shelf = new Biquad(
                (vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
                2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0);

        // Stage 2: RLB weighting, a second-order high-pass at ~38 Hz.
        f0 = 38.13547087602444;
        q = 0.5003270373238773;
        k = Math.tan(Math.PI * f0 / rate);
        double d = 1.0 + k / q + k * k;
        Biquad highPass = new Biquad(1.0, -2.0, 1.0, 2.0 * (k * k - 1.0) / d, (1.0 - k / q + k * k) / d);

        double[] out = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = highPass.next(shelf.next(samples[i]));
        }
        return out;
    }

    private static double[] blockMeanSquares(double[] weighted, int rate) {
        int block = (int) Math.round(BLOCK_SECONDS * rate);
        int step = (int) Math.round(STEP_SECONDS * rate);
        if (weighted.length < block) {
            return new double[] {meanSquare(weighted, 0, weighted.length)};
        }
        int count = 1 + (weighted.length - block) / step;
        double[] powers = new double[count];
        for (int b = 0; b < count; b++) {
            powers[b] = meanSquare(weighted, b * step, block);
        }
        return powers;
    }

    private static double meanSquare(double[] x, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += x[i] * x[i];
        }
        return sum / length;
    }

    /** Mean of the block powers strictly above the threshold; NaN when none is. */
    private static double meanAbove(double[] powers, double threshold) {
        double sum = 0;
        int count = 0;
        for (double p : powers) {
            if (p > threshold) {
                sum += p;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static double lufs(double meanSquare) {
        return -0.691 + 10 * Math.log10(meanSquare);
    }

    private static double power(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    /** Direct form I biquad, normalised so that a0 = 1. */
    private static final class Biquad {
        private final double b0, b1, b2, a1, a2;
        private double x1, x2, y1, y2;

        Biquad(double b0, double b1, double b2, double a1, double a2) {
            this.b0 = b0;
            this.b1 = b1;
            this.b2 = b2;
            this.a1 = a1;
            this.a2 = a2;
        }

        double next(double x) {
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            return y;
        }
    }
}
