package com.voxclone.speech.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Pieces joined in order: nothing lost or added but the overlap, loudness evened within its limit, no click. */
class PieceJoinerTest {

    private static final int RATE = 1000;
    /** 20 ms at 1 kHz. */
    private static final int FADE = 20;

    private static float[] constant(int length, float value) {
        float[] a = new float[length];
        Arrays.fill(a, value);
        return a;
    }

    private static float[] join(PieceJoiner joiner, float[]... pieces) {
        float[] all = new float[0];
        for (float[] p : pieces) {
            all = concat(all, joiner.add(p));
        }
        return concat(all, joiner.finish());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void piecesOverlapByTheFadeAndNothingElseIsLost() {
        float[] out = join(new PieceJoiner(RATE), constant(100, 0.1f), constant(100, 0.1f), constant(50, 0.1f));

        assertEquals(250 - 2 * FADE, out.length);
    }

    @Test
    void aLouderPieceIsBroughtToTheFirstPiecesLevel() {
        // The second piece is 3.5 dB louder (1.5 times the amplitude): it comes out at the first's level.
        float[] out = join(new PieceJoiner(RATE), constant(200, 0.1f), constant(200, 0.15f));

        assertEquals(0.1f, out[out.length - 1], 1e-4);
        assertEquals(0.1f, out[150], 1e-4);
    }

    @Test
    void theGainStaysWithinSixDecibels() {
        // 12 dB quieter: raised by 6 dB only, i.e. times 10^(6/20).
        float[] out = join(new PieceJoiner(RATE), constant(200, 0.4f), constant(200, 0.1f));

        assertEquals(0.1 * Math.pow(10, 6 / 20.0), out[out.length - 1], 1e-5);
    }

    @Test
    void theCrossFadeMovesSmoothlyFromOnePieceToTheNext() {
        // Two pieces of different sign, equally loud: the seam goes from one to the other in even steps.
        float[] out = join(new PieceJoiner(RATE), constant(100, 0.1f), constant(100, -0.1f));

        int seam = 100 - FADE;
        for (int i = seam; i < seam + FADE; i++) {
            assertTrue(Math.abs(out[i + 1] - out[i]) <= 0.2f / FADE + 1e-6, "step at " + i);
        }
        assertEquals(0.1f, out[seam - 1], 1e-6);
        assertEquals(-0.1f, out[seam + FADE], 1e-6);
    }

    @Test
    void silenceIsPassedOnUnchanged() {
        float[] silent = new float[100];
        float[] out = join(new PieceJoiner(RATE), constant(100, 0.1f), silent);

        assertArrayEquals(new float[100 - FADE], Arrays.copyOfRange(out, 100, out.length));
    }

    @Test
    void speechLoudnessIgnoresPauses() {
        PieceJoiner joiner = new PieceJoiner(RATE);
        float[] halfPause = concat(new float[100], constant(100, 0.1f));

        // 0.1 of full scale is -20 dBFS; the pause does not pull it down.
        assertEquals(-20, joiner.speechLoudness(halfPause), 0.01);
    }
}
