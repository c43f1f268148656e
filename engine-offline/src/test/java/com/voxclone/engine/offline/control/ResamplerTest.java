package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void keepsAToneInTheBandUnchanged() {
        float[] in = new float[48_000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
        }
        float[] out = Resampler.resample(in, 48_000, 24_000);
        assertEquals(24_000, out.length);
        for (int i = 1000; i < 1100; i++) {
            assertEquals(0.5 * Math.sin(2 * Math.PI * 1000 * i / 24_000.0), out[i], 0.005);
        }
    }

    @Test
    void removesToneAboveTheNewNyquistInsteadOfAliasingIt() {
        float[] in = new float[48_000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (0.5 * Math.sin(2 * Math.PI * 10_000 * i / 48_000.0));
        }
        float[] out = Resampler.resample(in, 48_000, 16_000);
        assertTrue(rms(out, 500, out.length - 500) < 0.005, "10 kHz must not survive at 16 kHz");
    }

    @Test
    void upsamplesSixteenToTwentyFourKilohertz() {
        float[] in = new float[16_000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        float[] out = Resampler.resample(in, 16_000, 24_000);
        assertEquals(24_000, out.length);
        assertEquals(0.3 / Math.sqrt(2), rms(out, 1000, 23_000), 0.003);
    }
}
