package com.voxclone.signal.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The watermark on speech-like signals made here (voiced syllables with moving pitch and formants, fricative noise,
 * pauses). Real speech, real codecs and the 1,000-clip robustness figures are in the system tests and the benchmark.
 */
class WatermarkTest {

    private static final int RATE = 16_000;
    private static final double THRESHOLD = 4.5;
    private final Watermark watermark = new Watermark("installation key", 2);

    /** Syllables of 80-300 ms: a harmonic complex under two moving formants, or noise; pauses between words. */
    static float[] speechLike(double seconds, long seed) {
        Random random = new Random(seed);
        float[] out = new float[(int) (seconds * RATE)];
        int at = 0;
        while (at < out.length) {
            int length = (int) ((0.08 + 0.22 * random.nextDouble()) * RATE);
            boolean voiced = random.nextDouble() < 0.75;
            double f0 = 90 + 140 * random.nextDouble(), glide = (random.nextDouble() - 0.5) * 60;
            double f1 = 300 + 600 * random.nextDouble(), f2 = 900 + 1800 * random.nextDouble();
            double level = 0.05 + 0.25 * random.nextDouble();
            double phase = 0;
            for (int i = 0; i < length && at + i < out.length; i++) {
                double t = (double) i / length;
                double envelope = Math.sin(Math.PI * t) * level;
                double sample;
                if (voiced) {
                    double f = f0 + glide * t;
                    phase += 2 * Math.PI * f / RATE;
                    sample = 0;
                    for (int h = 1; h * f < 7_500; h++) {
                        double hz = h * f;
                        double gain = 1 / (1 + Math.pow((hz - f1) / 120, 2)) + 0.6 / (1 + Math.pow((hz - f2) / 200, 2)) + 0.02;
                        sample += gain * Math.sin(h * phase);
                    }
                    sample *= 0.3;
                } else {
                    sample = random.nextGaussian() * 0.3;
                }
                out[at + i] = (float) (sample * envelope);
            }
            at += length;
            if (random.nextDouble() < 0.25) {
                at += (int) ((0.1 + 0.2 * random.nextDouble()) * RATE);
            }
        }
        return out;
    }

    @Test
    void markedSpeechIsFoundAgainFromAnyStartAndAtAnyLevel() {
        float[] marked = watermark.embed(speechLike(8, 1), RATE, 0, 42);
        Watermark.Detection whole = watermark.detect(marked, THRESHOLD);
        assertTrue(whole.watermarked(), "score " + whole.score());

        float[] cropped = Arrays.copyOfRange(marked, 12_345, 12_345 + 3 * RATE);
        Watermark.Detection part = watermark.detect(cropped, THRESHOLD);
        assertTrue(part.watermarked(), "3 s from an arbitrary sample: score " + part.score());

        float[] quieter = cropped.clone();
        for (int i = 0; i < quieter.length; i++) {
            quieter[i] *= 0.25f;
        }
        assertEquals(part.score(), watermark.detect(quieter, THRESHOLD).score(), 0.01, "12 dB down changes nothing");
    }

    @Test
    void unmarkedSpeechStaysBelowTheThreshold() {
        for (long seed = 100; seed < 130; seed++) {
            Watermark.Detection d = watermark.detect(speechLike(4, seed), THRESHOLD);
            assertFalse(d.watermarked(), "seed " + seed + ": score " + d.score());
            assertTrue(watermark.identify(d, 1_000).isEmpty());
        }
    }

    @Test
    void anotherInstallationsKeyFindsNothing() {
        float[] marked = watermark.embed(speechLike(6, 2), RATE, 0, 42);
        assertTrue(watermark.detect(marked, THRESHOLD).watermarked());
        assertFalse(new Watermark("another installation", 2).detect(marked, THRESHOLD).watermarked());
    }

    @Test
    void anOutputWrittenInPiecesCarriesOneContinuousPattern() {
        float[] host = speechLike(10, 3);
        float[] whole = watermark.embed(host, RATE, 0, 31_337);
        float[] pieces = new float[host.length];
        int[] sizes = {4_000, 333, 17_000, 2_048, 40_000};
        int at = 0;
        for (int i = 0; at < host.length; i++) {
            int size = Math.min(sizes[i % sizes.length], host.length - at);
            float[] piece = watermark.embed(Arrays.copyOfRange(host, at, at + size), RATE, at, 31_337);
            System.arraycopy(piece, 0, pieces, at, size);
            at += size;
        }
        Watermark.Detection fromWhole = watermark.detect(whole, THRESHOLD);
        Watermark.Detection fromPieces = watermark.detect(pieces, THRESHOLD);
        assertTrue(fromPieces.score() > 0.9 * fromWhole.score(), fromPieces.score() + " against " + fromWhole.score());
        assertEquals(31_337, watermark.identify(fromPieces, 100_000).orElseThrow().id());
    }

    @Test
    void theOutputsIdIsReadBackFromEnoughSpeech() {
        float[] marked = watermark.embed(speechLike(12, 4), RATE, 0, 77_777);
        Watermark.Identification id = watermark.identify(watermark.detect(marked, THRESHOLD), 100_000).orElseThrow();
        assertEquals(77_777, id.id());
        assertTrue(id.score() >= id.threshold());
    }

    @Test
    void thresholdsFollowTheNormalTail() {
        // Standard normal upper quantiles from tables: Q(3.7190) = 1e-4, Q(6.3613) = 1e-10.
        assertEquals(3.7190, Watermark.identificationThreshold(1), 1e-3);
        assertEquals(6.3613, Watermark.identificationThreshold(1_000_000), 1e-3);
        // erfc(1) = 0.15729921, erfc(2) = 0.00467773 (Abramowitz and Stegun, table 7.1).
        assertEquals(0.15729921, Watermark.erfc(1), 1e-7);
        assertEquals(0.00467773, Watermark.erfc(2), 1e-7);
        // A score of 6 over all 96 alignments: 96 * Q(6) = 96 * 9.866e-10.
        assertEquals(1 - 96 * 9.866e-10, Watermark.confidence(6), 1e-10);
    }

    @Test
    void refusesWhatItCannotMark() {
        assertThrows(IllegalArgumentException.class, () -> watermark.embed(new float[8_000], 8_000, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Watermark("k", 0));
        assertThrows(IllegalArgumentException.class, () -> new Watermark("k", 7));
    }
}
