package com.voxclone.signal.boundary;

/**
 * A recording's voice summarised for comparing speakers: mel-frequency cepstra (25 ms frames every 10 ms, 26 mel
 * filters from 100 to 7600 Hz so that recordings band-limited to 8 kHz compare fairly, coefficients c1-c19; c0, the
 * level, left out) over the frames that hold speech, as a diagonal Gaussian. The distance between two prints is the
 * symmetric Kullback-Leibler divergence of their Gaussians per coefficient: 0 for identical statistics, growing with
 * differences in the average spectral envelope (means) and its variability (variances).
 *
 * <p>This is a classic, model-free measure: it separates clearly different voices, but it also moves with the
 * microphone and the room, and a skilled imitation or a good synthetic copy can come close. The thresholds it is used
 * with are chosen from measured false-accept and false-reject rates.
 */
public final class SpeakerPrint {

    static final int FILTERS = 26;
    /** c1-c19: the finer detail of the envelope above c12 tells speakers apart better (see the consent measurements). */
    static final int COEFFICIENTS = 19;
    /** Frames needed for stable statistics: a second of speech. */
    static final int MIN_FRAMES = 100;
    /** Frames quieter than the loudest by more than this are taken for pauses, when no speech mask is given. */
    static final double SPEECH_RANGE_DB = 35;

    private final double[] means;
    private final double[] variances;
    private final int frames;

    SpeakerPrint(double[] means, double[] variances, int frames) {
        this.means = means;
        this.variances = variances;
        this.frames = frames;
    }

    /** The print of {@code samples} at {@code rate}, its speech frames found by their energy. */
    public static SpeakerPrint of(float[] samples, int rate) {
        return of(samples, rate, null);
    }

    /**
     * The print of {@code samples} at {@code rate} over the frames {@code speech} marks (one flag per 10 ms frame), or
     * over the frames within {@value #SPEECH_RANGE_DB} dB of the loudest when {@code speech} is null.
     *
     * @throws IllegalArgumentException when there is less than a second of speech
     */
    public static SpeakerPrint of(float[] samples, int rate, boolean[] speech) {
        int frame = Math.round(rate * 0.025f);
        int hop = Math.round(rate * 0.010f);
        int fft = Integer.highestOneBit(frame - 1) << 1;
        double[][] bank = melBank(rate, fft);
        double[] window = new double[frame];
        for (int i = 0; i < frame; i++) {
            window[i] = 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (frame - 1));
        }
        int count = samples.length < frame ? 0 : (samples.length - frame) / hop + 1;
        boolean[] use = speech != null ? speech : loudFrames(samples, frame, hop, count);
        double[] sum = new double[COEFFICIENTS];
        double[] sumSq = new double[COEFFICIENTS];
        int n = 0;
        for (int f = 0; f < count; f++) {
            if (f >= use.length || !use[f]) {
                continue;
            }
            double[] re = new double[fft];
            double[] im = new double[fft];
            for (int i = 0; i < frame; i++) {
                int at = f * hop + i;
                re[i] = (samples[at] - 0.97 * (at > 0 ? samples[at - 1] : 0)) * window[i];
            }
            Fft.transform(re, im, false);
            double[] logEnergies = new double[FILTERS];
            for (int m = 0; m < FILTERS; m++) {
                double e = 0;
                for (int k = 0; k <= fft / 2; k++) {
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
        if (n < MIN_FRAMES) {
            throw new IllegalArgumentException("too little speech to compare voices: " + n * 10 + " ms, at least "
                    + MIN_FRAMES * 10 + " ms needed");
        }
        double[] means = new double[COEFFICIENTS];
        double[] variances = new double[COEFFICIENTS];
        for (int i = 0; i < COEFFICIENTS; i++) {
            means[i] = sum[i] / n;
            variances[i] = Math.max(1e-6, sumSq[i] / n - means[i] * means[i]);
        }
        return new SpeakerPrint(means, variances, n);
    }

    /** The divergence split into the part due to different means and the part due to different variances. */
    public record Distance(double means, double variances) {

        public double total() {
            return means + variances;
        }
    }

    public Distance distanceTo(SpeakerPrint other) {
        int k = means.length;
        double m = 0;
        double v = 0;
        for (int i = 0; i < k; i++) {
            double va = variances[i];
            double vb = other.variances[i];
            double d = means[i] - other.means[i];
            v += 0.5 * (va / vb + vb / va - 2);
            m += 0.5 * d * d * (1 / va + 1 / vb);
        }
        return new Distance(m / k, v / k);
    }

    /** How many 10 ms frames of speech the print summarises. */
    public int frames() {
        return frames;
    }

    private static boolean[] loudFrames(float[] x, int frame, int hop, int count) {
        double[] db = new double[count];
        double loudest = -300;
        for (int f = 0; f < count; f++) {
            double e = 0;
            for (int i = 0; i < frame; i++) {
                double s = x[f * hop + i];
                e += s * s;
            }
            db[f] = 10 * Math.log10(e / frame + 1e-12);
            loudest = Math.max(loudest, db[f]);
        }
        boolean[] loud = new boolean[count];
        for (int f = 0; f < count; f++) {
            loud[f] = db[f] > loudest - SPEECH_RANGE_DB;
        }
        return loud;
    }

    private static double[][] melBank(int rate, int fft) {
        double lo = mel(100);
        double hi = mel(7600);
        double[] edges = new double[FILTERS + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = hz(lo + (hi - lo) * i / (FILTERS + 1)) * fft / rate;
        }
        double[][] bank = new double[FILTERS][fft / 2 + 1];
        for (int m = 0; m < FILTERS; m++) {
            for (int k = 0; k <= fft / 2; k++) {
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
