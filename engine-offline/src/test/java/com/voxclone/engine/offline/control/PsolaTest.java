package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voxclone.audio.entity.PcmAudio;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PsolaTest {

    private static double medianF0(float[] x) {
        return Statistics.percentile(Statistics.positive(PitchTracker.track(new PcmAudio(x, TestSignals.RATE))), 50);
    }

    @Test
    void shiftsPitchAndKeepsFormantsAndDuration() {
        float[] vowel = TestSignals.vowel(120, 1.5, 600, 1600, 2600);
        double[] f0 = PitchTracker.track(new PcmAudio(vowel, TestSignals.RATE));
        double[] factors = new double[f0.length];
        Arrays.fill(factors, 1.5);
        float[] shifted = Psola.modify(vowel, TestSignals.RATE, f0, factors, 1.0);
        assertEquals(vowel.length, shifted.length);
        assertEquals(180, medianF0(shifted), 180 * 0.03);
        double[] before = SpectrumAnalyzer.formants(vowel, TestSignals.RATE, f0);
        double[] after = SpectrumAnalyzer.formants(shifted, TestSignals.RATE, PitchTracker.track(new PcmAudio(shifted, TestSignals.RATE)));
        for (int i = 0; i < 3; i++) {
            assertEquals(before[i], after[i], before[i] * 0.12, "formant " + (i + 1));
        }
    }

    @Test
    void changesDurationWithoutChangingPitch() {
        float[] vowel = TestSignals.vowel(150, 1.0, 700, 1200);
        double[] f0 = PitchTracker.track(new PcmAudio(vowel, TestSignals.RATE));
        double[] unity = new double[f0.length];
        Arrays.fill(unity, 1);
        float[] longer = Psola.modify(vowel, TestSignals.RATE, f0, unity, 1.25);
        assertEquals(vowel.length * 1.25, longer.length, 2);
        assertEquals(150, medianF0(longer), 150 * 0.03);
    }
}
