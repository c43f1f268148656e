package com.voxclone.audio.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TempoChangerTest {

    private static final int RATE = 24_000;

    /** A vowel-like tone: 180 Hz with two harmonics, 2 s long. */
    private static float[] voiced(double seconds) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) RATE;
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 180 * t) + 0.2 * Math.sin(2 * Math.PI * 360 * t + 0.3)
                    + 0.1 * Math.sin(2 * Math.PI * 540 * t + 1.1));
        }
        return x;
    }

    private static float[] all(TempoChanger changer, float[] input, int piece) {
        float[] out = new float[0];
        for (int from = 0; from < input.length; from += piece) {
            out = concat(out, changer.push(Arrays.copyOfRange(input, from, Math.min(input.length, from + piece))));
        }
        return concat(out, changer.finish());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Fundamental from the first autocorrelation peak (within 10 % of the highest) between 80 and 400 Hz. */
    private static double pitch(float[] x) {
        int mid = x.length / 2;
        int minLag = RATE / 400;
        double[] r = new double[RATE / 80 + 1];
        double max = 0;
        for (int lag = minLag; lag < r.length; lag++) {
            for (int i = mid - 2400; i < mid + 2400; i++) {
                r[lag] += x[i] * x[i + lag];
            }
            max = Math.max(max, r[lag]);
        }
        for (int lag = minLag + 1; lag < r.length - 1; lag++) {
            if (r[lag] >= 0.9 * max && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) {
                return RATE / (double) lag;
            }
        }
        return 0;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.8, 1.25, 2.0})
    void changesTheLengthByTheSpeedAndKeepsThePitch(double speed) {
        float[] input = voiced(2);
        float[] out = all(new TempoChanger(RATE, speed), input, 4_800);

        assertEquals(input.length / speed, out.length, RATE * 0.02, "length at speed " + speed);
        assertEquals(180, pitch(out), 3, "pitch at speed " + speed);
    }

    @Test
    void theJoinsAreSmooth() {
        // Frames aligned on the waveform: the output is as smooth as the input, no jumps at frame boundaries.
        float[] input = voiced(2);
        float[] out = all(new TempoChanger(RATE, 1.3), input, 2_000);
        double maxStepIn = maxStep(input, 0, input.length);
        // The first half frame fades in; look past it.
        double maxStepOut = maxStep(out, RATE * TempoChanger.FRAME_MS / 1000, out.length - RATE * TempoChanger.FRAME_MS / 1000);
        assertTrue(maxStepOut < maxStepIn * 1.3, "largest sample step " + maxStepOut + " against " + maxStepIn + " in the input");
    }

    private static double maxStep(float[] x, int from, int to) {
        double max = 0;
        for (int i = from + 1; i < to; i++) {
            max = Math.max(max, Math.abs(x[i] - x[i - 1]));
        }
        return max;
    }

    @Test
    void streamingGivesTheSameAsOnePiece() {
        float[] input = voiced(1.5);
        assertArrayEquals(all(new TempoChanger(RATE, 1.5), input, input.length), all(new TempoChanger(RATE, 1.5), input, 777));
    }

    @Test
    void speedOneLeavesTheAudioAlone() {
        float[] input = voiced(0.5);
        TempoChanger same = new TempoChanger(RATE, 1.0);
        assertArrayEquals(input, same.push(input));
        assertEquals(0, same.finish().length);
    }
}
