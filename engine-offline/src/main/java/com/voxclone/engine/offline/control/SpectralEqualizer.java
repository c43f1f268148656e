package com.voxclone.engine.offline.control;

import com.voxclone.signal.boundary.Fft;
import java.util.Arrays;

/**
 * A linear-phase FIR filter designed from per-band gains on the analyser's mel bands (gains interpolated across
 * frequency on the mel scale), applied by FFT overlap-add. Used to move a voice's long-term spectrum onto the
 * reference's.
 */
public final class SpectralEqualizer {

    private static final int DESIGN_SIZE = 2048;
    private static final int TAPS = 1025;
    private static final int BLOCK = 4096;

    private SpectralEqualizer() {
    }

    /**
     * Gains in dB that turn the spectrum shape {@code currentDb} into {@code targetDb}: the difference, with its
     * mean removed (level is matched separately), smoothed over neighbouring bands and limited to ±{@code maxGainDb}.
     */
    public static double[] matchingGainsDb(double[] currentDb, double[] targetDb, double maxGainDb) {
        int n = currentDb.length;
        double[] diff = new double[n];
        double mean = 0;
        for (int b = 0; b < n; b++) {
            diff[b] = targetDb[b] - currentDb[b];
            mean += diff[b];
        }
        mean /= n;
        double[] gains = new double[n];
        for (int b = 0; b < n; b++) {
            double sum = 0, weight = 0;
            for (int j = Math.max(0, b - 2); j <= Math.min(n - 1, b + 2); j++) {
                double w = 3 - Math.abs(j - b);
                sum += w * (diff[j] - mean);
                weight += w;
            }
            gains[b] = Math.max(-maxGainDb, Math.min(maxGainDb, sum / weight));
        }
        return gains;
    }

    /** Filters {@code x} (at {@code rate}) with the response given by band gains; output has the same length. */
    public static float[] apply(float[] x, int rate, double[] bandGainsDb) {
        double[] kernel = design(rate, bandGainsDb);
        return convolve(x, kernel);
    }

    static double[] design(int rate, double[] bandGainsDb) {
        double[] centres = SpectrumAnalyzer.bandCentres();
        double[] centreMel = new double[centres.length];
        for (int b = 0; b < centres.length; b++) {
            centreMel[b] = SpectrumAnalyzer.mel(centres[b]);
        }
        double[] re = new double[DESIGN_SIZE];
        double[] im = new double[DESIGN_SIZE];
        for (int k = 0; k <= DESIGN_SIZE / 2; k++) {
            double gainDb = interpolate(centreMel, bandGainsDb, SpectrumAnalyzer.mel(k * (double) rate / DESIGN_SIZE));
            double g = Math.pow(10, gainDb / 20);
            re[k] = g;
            if (k > 0 && k < DESIGN_SIZE / 2) {
                re[DESIGN_SIZE - k] = g;
            }
        }
        Fft.transform(re, im, true);
        double[] kernel = new double[TAPS];
        int half = TAPS / 2;
        for (int i = 0; i < TAPS; i++) {
            int lag = i - half;
            double window = 0.5 + 0.5 * Math.cos(Math.PI * lag / (half + 1));
            kernel[i] = re[(lag + DESIGN_SIZE) % DESIGN_SIZE] * window;
        }
        return kernel;
    }

    private static double interpolate(double[] xs, double[] ys, double x) {
        if (x <= xs[0]) {
            return ys[0];
        }
        for (int i = 1; i < xs.length; i++) {
            if (x <= xs[i]) {
                double t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
                return ys[i - 1] + t * (ys[i] - ys[i - 1]);
            }
        }
        return ys[ys.length - 1];
    }

    /** Same-length ("centred") convolution with an odd-length kernel, by FFT overlap-add. */
    static float[] convolve(float[] x, double[] kernel) {
        int half = kernel.length / 2;
        int step = BLOCK - kernel.length + 1;
        double[] kernelRe = new double[BLOCK];
        double[] kernelIm = new double[BLOCK];
        System.arraycopy(kernel, 0, kernelRe, 0, kernel.length);
        Fft.transform(kernelRe, kernelIm, false);
        double[] full = new double[x.length + kernel.length - 1];
        double[] re = new double[BLOCK];
        double[] im = new double[BLOCK];
        for (int start = 0; start < x.length; start += step) {
            Arrays.fill(re, 0);
            Arrays.fill(im, 0);
            int length = Math.min(step, x.length - start);
            for (int i = 0; i < length; i++) {
                re[i] = x[start + i];
            }
            Fft.transform(re, im, false);
            for (int k = 0; k < BLOCK; k++) {
                double r = re[k] * kernelRe[k] - im[k] * kernelIm[k];
                im[k] = re[k] * kernelIm[k] + im[k] * kernelRe[k];
                re[k] = r;
            }
            Fft.transform(re, im, true);
            for (int i = 0; i < BLOCK && start + i < full.length; i++) {
                full[start + i] += re[i];
            }
        }
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) full[i + half];
        }
        return out;
    }
}
