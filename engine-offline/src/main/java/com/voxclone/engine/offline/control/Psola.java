package com.voxclone.engine.offline.control;

/**
 * Time-domain pitch-synchronous overlap-add. Two-period, Hann-windowed grains are cut at pitch marks and laid down
 * again at a new spacing: the spacing sets the pitch, while each grain keeps its spectral envelope, so the formants
 * stay where they were. Unvoiced stretches use fixed 10 ms grains and are only re-timed.
 */
public final class Psola {

    private Psola() {
    }

    /**
     * @param x            mono samples
     * @param rate         their rate
     * @param f0           pitch contour, one value per 10 ms ({@link PitchTracker}), 0 = unvoiced
     * @param pitchFactors factor on the pitch per contour frame (ignored where unvoiced)
     * @param timeFactor   output duration divided by input duration
     */
    public static float[] modify(float[] x, int rate, double[] f0, double[] pitchFactors, double timeFactor) {
        int hop = (int) Math.round(rate * VoiceActivityDetector.HOP_SECONDS);
        int[] marks = new int[x.length / 20 + 16];
        int[] periods = new int[marks.length];
        boolean[] voicedMark = new boolean[marks.length];
        int count = 0;
        int t = 0;
        while (t < x.length && count < marks.length) {
            double pitch = valueAt(f0, t, hop);
            boolean voiced = pitch > 0;
            int period = voiced ? (int) Math.round(rate / pitch) : hop;
            int mark = voiced ? snapToPeak(x, t, period / 3) : t;
            marks[count] = mark;
            periods[count] = period;
            voicedMark[count] = voiced;
            count++;
            t = Math.max(mark + period / 2, t + period);
        }
        int outLength = (int) Math.round(x.length * timeFactor);
        double[] out = new double[outLength];
        double[] weight = new double[outLength];
        double ts = 0;
        int k = 0;
        while (ts < outLength && count > 0) {
            double ta = ts / timeFactor;
            while (k + 1 < count && Math.abs(marks[k + 1] - ta) <= Math.abs(marks[k] - ta)) {
                k++;
            }
            int period = periods[k];
            double factor = voicedMark[k] ? Math.max(0.25, Math.min(4, valueAt(pitchFactors, marks[k], hop))) : 1;
            addGrain(x, marks[k], period, out, weight, (int) Math.round(ts));
            ts += period / factor;
        }
        float[] y = new float[outLength];
        for (int i = 0; i < outLength; i++) {
            y[i] = (float) (out[i] / Math.max(weight[i], 0.5));
        }
        return y;
    }

    private static void addGrain(float[] x, int centre, int period, double[] out, double[] weight, int at) {
        for (int i = -period; i < period; i++) {
            int source = centre + i;
            int target = at + i;
            if (source < 0 || source >= x.length || target < 0 || target >= out.length) {
                continue;
            }
            double w = 0.5 + 0.5 * Math.cos(Math.PI * i / period);
            out[target] += w * x[source];
            weight[target] += w;
        }
    }

    private static double valueAt(double[] perFrame, int sample, int hop) {
        if (perFrame.length == 0) {
            return 0;
        }
        int frame = Math.min(perFrame.length - 1, Math.max(0, sample / hop - 2));
        return perFrame[frame];
    }

    private static int snapToPeak(float[] x, int around, int reach) {
        int best = around;
        for (int i = Math.max(0, around - reach); i <= Math.min(x.length - 1, around + reach); i++) {
            if (Math.abs(x[i]) > Math.abs(x[best])) {
                best = i;
            }
        }
        return best;
    }
}
