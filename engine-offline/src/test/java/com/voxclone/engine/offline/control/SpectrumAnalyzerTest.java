package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.PcmAudio;
import org.junit.jupiter.api.Test;

class SpectrumAnalyzerTest {

    private static double[] shape(float[] x) {
        return SpectrumAnalyzer.shapeDb(SpectrumAnalyzer.bandLevelsDb(x, TestSignals.RATE, null));
    }

    @Test
    void whiteNoiseHasAFlatSpectrum() {
        assertEquals(0, SpectrumAnalyzer.tiltDbPerOctave(shape(TestSignals.noise(3, 0.1, 7))), 0.5);
    }

    @Test
    void aOnePoleLowPassTiltsBySixDecibelsPerOctaveAboveItsCorner() {
        float[] white = TestSignals.noise(3, 0.1, 8);
        float[] low = new float[white.length];
        double state = 0;
        double a = Math.exp(-2 * Math.PI * 100.0 / TestSignals.RATE); // corner at 100 Hz, below the measured range
        for (int i = 0; i < white.length; i++) {
            state = white[i] + a * state;
            low[i] = (float) state;
        }
        assertEquals(-6, SpectrumAnalyzer.tiltDbPerOctave(shape(low)), 1.0);
    }

    @Test
    void measuresTheFormantsOfASyntheticVowel() {
        float[] x = TestSignals.vowel(110, 1.5, 500, 1500, 2500);
        double[] f0 = PitchTracker.track(new PcmAudio(x, TestSignals.RATE));
        double[] formants = SpectrumAnalyzer.formants(x, TestSignals.RATE, f0);
        assertNotNull(formants);
        assertEquals(500, formants[0], 60);
        assertEquals(1500, formants[1], 120);
        assertEquals(2500, formants[2], 200);
    }

    @Test
    void aLongerVocalTractLowersTheMeasuredFormants() {
        float[] shortTract = TestSignals.vowel(200, 1.5, 600, 1700, 2900);
        float[] longTract = TestSignals.vowel(200, 1.5, 510, 1445, 2465);
        double[] a = SpectrumAnalyzer.formants(shortTract, TestSignals.RATE, PitchTracker.track(new PcmAudio(shortTract, TestSignals.RATE)));
        double[] b = SpectrumAnalyzer.formants(longTract, TestSignals.RATE, PitchTracker.track(new PcmAudio(longTract, TestSignals.RATE)));
        for (int i = 0; i < 3; i++) {
            assertTrue(b[i] < a[i], "formant " + (i + 1) + " should be lower");
        }
    }
}
