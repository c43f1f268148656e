package com.voxclone.engine.offline.control;

import com.voxclone.signal.boundary.Fft;

/** Linear prediction by autocorrelation and Levinson-Durbin, and the peaks of the resulting spectral envelope. */
final class Lpc {

    private static final int ENVELOPE_POINTS = 512;

    private Lpc() {
    }

    /** a[0..order] with a[0] = 1, or null for a silent frame. */
    static double[] coefficients(double[] frame, int order) {
        double[] r = new double[order + 1];
        for (int lag = 0; lag <= order; lag++) {
            for (int i = lag; i < frame.length; i++) {
                r[lag] += frame[i] * frame[i - lag];
            }
        }
        if (r[0] <= 1e-10) {
            return null;
        }
        r[0] *= 1.0001; // slight white-noise correction keeps the recursion stable
        double[] a = new double[order + 1];
        a[0] = 1;
        double error = r[0];
        for (int i = 1; i <= order; i++) {
            double acc = r[i];
            for (int j = 1; j < i; j++) {
                acc += a[j] * r[i - j];
            }
            double k = -acc / error;
            double[] previous = a.clone();
            for (int j = 1; j < i; j++) {
                a[j] = previous[j] + k * previous[i - j];
            }
            a[i] = k;
            error *= 1 - k * k;
            if (error <= 0) {
                return null;
            }
        }
        return a;
    }

    /** The first {@code count} envelope maxima between {@code lowHz} and {@code highHz}, or null if fewer. */
    static double[] envelopePeaks(double[] a, int rate, int count, double lowHz, double highHz) {
        int n = ENVELOPE_POINTS * 2;
        double[] re = new double[n];
        double[] im = new double[n];
        System.arraycopy(a, 0, re, 0, a.length);
        Fft.transform(re, im, false);
        double[] envelope = new double[ENVELOPE_POINTS + 1];
        for (int k = 0; k <= ENVELOPE_POINTS; k++) {
            envelope[k] = 1 / (re[k] * re[k] + im[k] * im[k] + 1e-12);
        }
        double binHz = rate / (double) n;
        double[] peaks = new double[count];
        int found = 0;
        for (int k = 1; k < ENVELOPE_POINTS && found < count; k++) {
            double f = k * binHz;
            if (f < lowHz || f > highHz) {
                continue;
            }
            if (envelope[k] > envelope[k - 1] && envelope[k] >= envelope[k + 1]) {
                double y0 = Math.log(envelope[k - 1]), y1 = Math.log(envelope[k]), y2 = Math.log(envelope[k + 1]);
                double d = y0 - 2 * y1 + y2;
                double offset = d != 0 ? 0.5 * (y0 - y2) / d : 0;
                peaks[found++] = (k + offset) * binHz;
            }
        }
        return found == count ? peaks : null;
    }
}
