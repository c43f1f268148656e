package com.voxclone.engine.offline.quality;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.control.Fft;
import com.voxclone.engine.offline.control.Resampler;
import com.voxclone.engine.offline.control.VoiceActivityDetector;

/**
 * Speaker distance for the quality measurements: MFCCs (25 ms frames every 10 ms, 26 mel filters 100-7600 Hz so
 * recordings band-limited to 8 kHz compare fairly, cepstra c1-c12; c0, the level, left out) over speech frames, each
 * recording summarised by a diagonal Gaussian, and the distance is the symmetric Kullback-Leibler divergence between
 * the two Gaussians, divided by the number of coefficients. 0 for identical statistics; it grows with differences in
 * both the average spectral envelope (means) and its variability (variances).
 */
public final class SpeakerDistance {

    private static final int RATE = 16_000;
    private static final int FRAME = 400;
    private static final int HOP = 160;
    private static final int FFT = 512;
    private static final int FILTERS = 26;
    private static final int COEFFICIENTS = 12;

    private SpeakerDistance() {
    }

    public static double between(PcmAudio a, PcmAudio b) {
        Parts parts = parts(a, b);
        return parts.means() + parts.variances();
    }

    /** The divergence split into the part due to different means and the part due to different variances. */
    public record Parts(double means, double variances) {
    }

    public static Parts parts(PcmAudio a, PcmAudio b) {
        double[][] ga = gaussian(a);
        double[][] gb = gaussian(b);
        double means = 0, variances = 0;
        for (int i = 0; i < COEFFICIENTS; i++) {
            double va = ga[1][i], vb = gb[1][i];
            double d = ga[0][i] - gb[0][i];
            variances += 0.5 * (va / vb + vb / va - 2);
            means += 0.5 * d * d * (1 / va + 1 / vb);
        }
        return new Parts(means / COEFFICIENTS, variances / COEFFICIENTS);
    }

    /** {means, variances} of c1..c12 over speech frames. */
    static double[][] gaussian(PcmAudio audio) {
        float[] x = Resampler.resample(audio.samples(), audio.sampleRate(), RATE);
        boolean[] speech = VoiceActivityDetector.speechFrames(x, RATE);
        double[][] bank = melBank();
        double[] window = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            window[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (FRAME - 1));
        }
        double[] sum = new double[COEFFICIENTS];
        double[] sumSq = new double[COEFFICIENTS];
        int n = 0;
        for (int f = 0; f * HOP + FRAME <= x.length; f++) {
            if (f >= speech.length || !speech[f]) {
                continue;
            }
            double[] re = new double[FFT];
            double[] im = new double[FFT];
            for (int i = 0; i < FRAME; i++) {
                int at = f * HOP + i;
                re[i] = (x[at] - 0.97 * (at > 0 ? x[at - 1] : 0)) * window[i];
            }
            Fft.transform(re, im, false);
            double[] logEnergies = new double[FILTERS];
            for (int m = 0; m < FILTERS; m++) {
                double e = 0;
                for (int k = 0; k <= FFT / 2; k++) {
                    e += bank[m][k] * (re[k] * re[k] + im[k] * im[k]);
                }
                logEnergies[m] = Math.log(e + 1e-10);
            }
            for (int c = 1; c <= COEFFICIENTS; c++) {
                double v = 0;
                for (int m = 0; m < FILTERS; m++) {
                    v += logEnergies[m] * Math.cos(Math.PI * c * (m + 0.5) / FILTERS);
                }
                sum[c - 1] += v;
                sumSq[c - 1] += v * v;
            }
            n++;
        }
        if (n < 10) {
            throw new IllegalArgumentException("too little speech to measure a speaker distance");
        }
        double[][] g = new double[2][COEFFICIENTS];
        for (int i = 0; i < COEFFICIENTS; i++) {
            g[0][i] = sum[i] / n;
            g[1][i] = Math.max(1e-6, sumSq[i] / n - g[0][i] * g[0][i]);
        }
        return g;
    }

    private static double[][] melBank() {
        double lo = mel(100), hi = mel(7600);
        double[] edges = new double[FILTERS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hz(lo + (hi - lo) * i / (FILTERS + 1)) * FFT / RATE;
        }
        double[][] bank = new double[FILTERS][FFT / 2 + 1];
        for (int m = 0; m < FILTERS; m++) {
            for (int k = 0; k <= FFT / 2; k++) {
                double left = (k - edges[m]) / (edges[m + 1] - edges[m]);
                double right = (edges[m + 2] - k) / (edges[m + 2] - edges[m + 1]);
                bank[m][k] = Math.max(0, Math.min(left, right));
            }
        }
        return bank;
    }

    private static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
