package com.voxclone.engine.offline.control;

import com.voxclone.signal.boundary.Fft;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Long-term average spectrum on mel-spaced bands, its tilt, and formant frequencies from linear prediction. All work on
 * 24 kHz audio and only on the frames the caller marks as speech.
 */
public final class SpectrumAnalyzer {

    public static final int BANDS = 32;
    static final double LOWEST_HZ = 80;
    static final double HIGHEST_HZ = 10_000;
    static final int FRAME = 1024;
    private static final int LPC_RATE = 10_000;
    private static final int LPC_ORDER = 12;
    private static final int LPC_FRAME = 250;
    private static final double[] BAND_CENTRES = computeBandCentres();

    private SpectrumAnalyzer() {
    }

    /** Centre frequency in Hz of each LTAS band. */
    public static double[] bandCentres() {
        return BAND_CENTRES.clone();
    }

    private static double[] computeBandCentres() {
        double lo = mel(LOWEST_HZ), hi = mel(HIGHEST_HZ);
        double[] centres = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            centres[b] = hz(lo + (hi - lo) * (b + 0.5) / BANDS);
        }
        return centres;
    }

    /**
     * Mean level in dB per band over speech frames ({@code speech} holds 10 ms frames; null means every frame). The
     * mean is taken over the frames' dB values rather than their power, the way cepstral means (and listeners) weigh
     * quiet consonants against loud vowels; an equaliser gain in dB shifts it by exactly that gain.
     */
    public static double[] bandLevelsDb(float[] samples, int rate, boolean[] speech) {
        double[] window = Fft.hann(FRAME);
        int hop = FRAME / 2;
        double[] sum = new double[BANDS];
        int used = 0;
        int speechHop = (int) Math.round(rate * VoiceActivityDetector.HOP_SECONDS);
        double[] frame = new double[FRAME];
        double[] bands = new double[BANDS];
        for (int start = 0; start + FRAME <= samples.length; start += hop) {
            int centreFrame = (start + FRAME / 2) / speechHop;
            if (speech != null && (centreFrame >= speech.length || !speech[centreFrame])) {
                continue;
            }
            for (int i = 0; i < FRAME; i++) {
                frame[i] = samples[start + i] * window[i];
            }
            Arrays.fill(bands, 0);
            addBands(Fft.powerSpectrum(frame), rate, bands);
            for (int b = 0; b < BANDS; b++) {
                sum[b] += 10 * Math.log10(bands[b] + 1e-14);
            }
            used++;
        }
        if (used > 0) {
            for (int b = 0; b < BANDS; b++) {
                sum[b] /= used;
            }
        }
        return sum;
    }

    /** Adds the mean power of each band in {@code power} (bins 0..FRAME/2) to {@code sum}. */
    private static void addBands(double[] power, int rate, double[] sum) {
        double lo = mel(LOWEST_HZ), hi = mel(HIGHEST_HZ);
        double binHz = rate / (double) FRAME;
        int[] counts = new int[BANDS];
        double[] bandSum = new double[BANDS];
        for (int k = 1; k < power.length; k++) {
            double f = k * binHz;
            if (f < LOWEST_HZ || f >= HIGHEST_HZ) {
                continue;
            }
            int band = (int) ((mel(f) - lo) / (hi - lo) * BANDS);
            bandSum[band] += power[k];
            counts[band]++;
        }
        for (int b = 0; b < BANDS; b++) {
            if (counts[b] > 0) {
                sum[b] += bandSum[b] / counts[b];
            }
        }
    }

    /** Band levels shifted so their mean is 0: the shape of the spectrum, independent of level. */
    public static double[] shapeDb(double[] levelsDb) {
        double mean = Arrays.stream(levelsDb).average().orElse(0);
        return Arrays.stream(levelsDb).map(v -> v - mean).toArray();
    }

    /** Least-squares slope of the band levels against log2 frequency, 150 Hz to 6 kHz, in dB per octave. */
    public static double tiltDbPerOctave(double[] shapeDb) {
        double[] centres = bandCentres();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int b = 0; b < shapeDb.length; b++) {
            if (centres[b] < 150 || centres[b] > 6000) {
                continue;
            }
            double x = Math.log(centres[b]) / Math.log(2);
            sx += x; sy += shapeDb[b]; sxx += x * x; sxy += x * shapeDb[b];
            n++;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    /**
     * Median F1, F2, F3 in Hz over the voiced frames ({@code f0} > 0, 10 ms frames), from the peaks of a 12th-order
     * linear-prediction envelope at 10 kHz. Returns null when too few frames show three formants.
     */
    public static double[] formants(float[] samples, int rate, double[] f0) {
        float[] x = Resampler.resample(samples, rate, LPC_RATE);
        int hop = (int) Math.round(LPC_RATE * VoiceActivityDetector.HOP_SECONDS);
        double[] window = Fft.hann(LPC_FRAME);
        List<double[]> found = new ArrayList<>();
        double[] frame = new double[LPC_FRAME];
        for (int f = 0; f < f0.length; f++) {
            int start = f * hop;
            if (f0[f] <= 0 || start + LPC_FRAME > x.length) {
                continue;
            }
            for (int i = 0; i < LPC_FRAME; i++) {
                // Pre-emphasis flattens the glottal slope so the predictor models the vocal tract.
                double previous = start + i > 0 ? x[start + i - 1] : 0;
                frame[i] = (x[start + i] - 0.97 * previous) * window[i];
            }
            double[] lpc = Lpc.coefficients(frame, LPC_ORDER);
            if (lpc == null) {
                continue;
            }
            double[] peaks = Lpc.envelopePeaks(lpc, LPC_RATE, 3, 200, 4500);
            if (peaks != null) {
                found.add(peaks);
            }
        }
        if (found.size() < 5) {
            return null;
        }
        double[] medians = new double[3];
        for (int i = 0; i < 3; i++) {
            double[] values = new double[found.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = found.get(j)[i];
            }
            medians[i] = Statistics.percentile(values, 50);
        }
        return medians;
    }

    static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }
}
