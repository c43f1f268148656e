package com.voxclone.engine.offline.control;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/** Signals with known properties for the analysis tests. */
final class TestSignals {

    static final int RATE = 24_000;

    private TestSignals() {
    }

    static float[] sine(double hz, double seconds, double amplitude) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    /** A glottal-like pulse train (each period a decaying pulse) with pitch following {@code f0(t)}. */
    static float[] pulseTrain(DoubleUnaryOperator f0, double seconds) {
        float[] x = new float[(int) (seconds * RATE)];
        double phase = 1;
        for (int i = 0; i < x.length; i++) {
            phase += f0.applyAsDouble(i / (double) RATE) / RATE;
            if (phase >= 1) {
                phase -= 1;
                x[i] = 1;
            }
        }
        return x;
    }

    /** Vowel-like signal: pulse train through second-order resonators at the given formants. */
    static float[] vowel(double f0, double seconds, double... formants) {
        float[] x = pulseTrain(t -> f0, seconds);
        for (double formant : formants) {
            x = resonate(x, formant, 80);
        }
        return normalise(x, 0.5);
    }

    static float[] resonate(float[] x, double centreHz, double bandwidthHz) {
        double r = Math.exp(-Math.PI * bandwidthHz / RATE);
        double a1 = 2 * r * Math.cos(2 * Math.PI * centreHz / RATE);
        double a2 = -r * r;
        float[] y = new float[x.length];
        double y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i] + a1 * y1 + a2 * y2;
            y[i] = (float) v;
            y2 = y1;
            y1 = v;
        }
        return y;
    }

    static float[] noise(double seconds, double amplitude, long seed) {
        Random random = new Random(seed);
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * random.nextGaussian());
        }
        return x;
    }

    static float[] normalise(float[] x, double peak) {
        double max = 0;
        for (float v : x) {
            max = Math.max(max, Math.abs(v));
        }
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * peak / max);
        }
        return y;
    }

    static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
