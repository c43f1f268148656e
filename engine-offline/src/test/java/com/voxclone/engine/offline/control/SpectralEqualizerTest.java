package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class SpectralEqualizerTest {

    @Test
    void imposesTheRequestedBandGains() {
        float[] white = TestSignals.noise(4, 0.05, 11);
        double[] gains = new double[SpectrumAnalyzer.BANDS];
        for (int b = 0; b < gains.length; b++) {
            gains[b] = b < SpectrumAnalyzer.BANDS / 2 ? 6 : -6;
        }
        float[] filtered = SpectralEqualizer.apply(white, TestSignals.RATE, gains);
        double[] before = SpectrumAnalyzer.shapeDb(SpectrumAnalyzer.bandLevelsDb(white, TestSignals.RATE, null));
        double[] after = SpectrumAnalyzer.shapeDb(SpectrumAnalyzer.bandLevelsDb(filtered, TestSignals.RATE, null));
        // Away from the step the shape changes by the gain (shapes have mean 0, so +6/-6 stays +6/-6).
        assertEquals(6, after[4] - before[4], 1);
        assertEquals(-6, after[SpectrumAnalyzer.BANDS - 5] - before[SpectrumAnalyzer.BANDS - 5], 1);
    }

    @Test
    void matchingGainsTurnOneSpectrumShapeIntoAnother() {
        float[] white = TestSignals.noise(4, 0.05, 12);
        float[] coloured = TestSignals.normalise(TestSignals.resonate(white, 1000, 600), 0.5);
        double[] current = SpectrumAnalyzer.shapeDb(SpectrumAnalyzer.bandLevelsDb(white, TestSignals.RATE, null));
        double[] target = SpectrumAnalyzer.shapeDb(SpectrumAnalyzer.bandLevelsDb(coloured, TestSignals.RATE, null));
        float[] matched = SpectralEqualizer.apply(white, TestSignals.RATE, SpectralEqualizer.matchingGainsDb(current, target, 30));
        double[] result = SpectrumAnalyzer.shapeDb(SpectrumAnalyzer.bandLevelsDb(matched, TestSignals.RATE, null));
        double before = 0, after = 0;
        for (int b = 0; b < target.length; b++) {
            before += Math.abs(current[b] - target[b]);
            after += Math.abs(result[b] - target[b]);
        }
        assertEquals(0, after / target.length, 1.5, "mean band error after matching");
        Assertions.assertTrue(after < before / 4);
    }

    @Test
    void limitsGains() {
        double[] current = new double[SpectrumAnalyzer.BANDS];
        double[] target = new double[SpectrumAnalyzer.BANDS];
        target[10] = 60;
        for (double g : SpectralEqualizer.matchingGainsDb(current, target, 12)) {
            Assertions.assertTrue(Math.abs(g) <= 12);
        }
    }
}
