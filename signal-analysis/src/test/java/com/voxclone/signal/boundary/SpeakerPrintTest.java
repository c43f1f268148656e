package com.voxclone.signal.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpeakerPrintTest {

    private static final int RATE = 16_000;

    /** A buzz with formant-like resonances: pulses at {@code f0} through two resonators. */
    private static float[] voiced(double f0, double formant1, double formant2, double seconds, long seed) {
        Random random = new Random(seed);
        int n = (int) (seconds * RATE);
        float[] x = new float[n];
        double y1 = 0, y2 = 0, z1 = 0, z2 = 0;
        double r = 0.97;
        double a1 = 2 * r * Math.cos(2 * Math.PI * formant1 / RATE);
        double b1 = 2 * r * Math.cos(2 * Math.PI * formant2 / RATE);
        int period = (int) (RATE / f0);
        for (int i = 0; i < n; i++) {
            double excitation = (i % period == 0 ? 1 : 0) + 0.01 * random.nextGaussian();
            double y = excitation + a1 * y1 - r * r * y2;
            y2 = y1;
            y1 = y;
            double z = y + b1 * z1 - r * r * z2;
            z2 = z1;
            z1 = z;
            x[i] = (float) (z * 0.001);
        }
        return x;
    }

    @Test
    void aPrintIsAtDistanceZeroFromItselfAndTheLevelDoesNotCount() {
        float[] a = voiced(120, 700, 1200, 3, 1);
        float[] louder = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            louder[i] = a[i] * 4;
        }
        SpeakerPrint p = SpeakerPrint.of(a, RATE);
        assertEquals(0, p.distanceTo(p).total(), 1e-12);
        // A gain adds the same constant to every log filter energy, which only c0 (left out) carries.
        assertEquals(0, p.distanceTo(SpeakerPrint.of(louder, RATE)).total(), 1e-6);
    }

    @Test
    void differentResonancesAreFartherApartThanTwoTakesOfTheSameOnes() {
        SpeakerPrint take1 = SpeakerPrint.of(voiced(120, 700, 1200, 3, 1), RATE);
        SpeakerPrint take2 = SpeakerPrint.of(voiced(120, 700, 1200, 3, 2), RATE);
        SpeakerPrint other = SpeakerPrint.of(voiced(220, 400, 2400, 3, 3), RATE);
        double same = take1.distanceTo(take2).total();
        double different = take1.distanceTo(other).total();
        assertTrue(different > 10 * same, "same " + same + ", different " + different);
        assertEquals(take1.distanceTo(other).total(), other.distanceTo(take1).total(), 1e-9, "the distance is symmetric");
    }

    @Test
    void theDistanceIsTheSymmetricDivergenceOfTwoDiagonalGaussiansPerCoefficient() {
        // By hand, in two dimensions: a = N((0,0), diag(1,1)), b = N((1,0), diag(2,1/2)).
        // Variances: ((1/2 + 2 - 2) + (2 + 1/2 - 2)) / 2 = 1/2, over k = 2: 1/4. Means: 1 * (1 + 1/2) / 2 = 3/4, over k: 3/8.
        SpeakerPrint a = new SpeakerPrint(new double[] {0, 0}, new double[] {1, 1}, 100);
        SpeakerPrint b = new SpeakerPrint(new double[] {1, 0}, new double[] {2, 0.5}, 100);
        SpeakerPrint.Distance d = a.distanceTo(b);
        assertEquals(3.0 / 8, d.means(), 1e-12);
        assertEquals(1.0 / 4, d.variances(), 1e-12);
        assertEquals(5.0 / 8, b.distanceTo(a).total(), 1e-12);
    }

    @Test
    void lessThanASecondOfSpeechIsRefused() {
        float[] shortTake = voiced(120, 700, 1200, 0.8, 1);
        assertThrows(IllegalArgumentException.class, () -> SpeakerPrint.of(shortTake, RATE));
    }

    @Test
    void theTransformMatchesTheDefinitionOfTheDiscreteFourierTransform() {
        int n = 16;
        double[] re = new double[n];
        double[] im = new double[n];
        Random random = new Random(7);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
            re[i] = x[i];
        }
        Fft.transform(re, im, false);
        for (int k = 0; k < n; k++) {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++) {
                sr += x[t] * Math.cos(2 * Math.PI * k * t / n);
                si -= x[t] * Math.sin(2 * Math.PI * k * t / n);
            }
            assertEquals(sr, re[k], 1e-9);
            assertEquals(si, im[k], 1e-9);
        }
    }
}
