package com.voxclone.signal.boundary;

/** In-place iterative radix-2 complex FFT; sizes are powers of two. */
public final class Fft {

    private Fft() {
    }

    /** Forward transform (inverse when {@code inverse}, scaled by 1/n) of re + i*im. */
    public static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wRe = Math.cos(angle), wIm = Math.sin(angle);
            int half = len >> 1;
            for (int start = 0; start < n; start += len) {
                double cRe = 1, cIm = 0;
                for (int k = 0; k < half; k++) {
                    int a = start + k, b = a + half;
                    double xRe = re[b] * cRe - im[b] * cIm;
                    double xIm = re[b] * cIm + im[b] * cRe;
                    re[b] = re[a] - xRe; im[b] = im[a] - xIm;
                    re[a] += xRe; im[a] += xIm;
                    double next = cRe * wRe - cIm * wIm;
                    cIm = cRe * wIm + cIm * wRe;
                    cRe = next;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }

    /** Power spectrum (bins 0..n/2) of a real frame that is already windowed and zero-padded to a power of two. */
    public static double[] powerSpectrum(double[] frame) {
        double[] re = frame.clone();
        double[] im = new double[frame.length];
        transform(re, im, false);
        double[] power = new double[frame.length / 2 + 1];
        for (int k = 0; k < power.length; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
        }
        return power;
    }

    public static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }
}
