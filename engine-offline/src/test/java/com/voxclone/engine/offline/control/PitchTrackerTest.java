package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.PcmAudio;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PitchTrackerTest {

    private static double median(float[] x) {
        return Statistics.percentile(Statistics.positive(PitchTracker.track(new PcmAudio(x, TestSignals.RATE))), 50);
    }

    @ParameterizedTest
    @ValueSource(doubles = {65, 100, 180, 260, 420})
    void findsThePitchOfASteadyVowel(double f0) {
        assertEquals(f0, median(TestSignals.vowel(f0, 1.0, 700, 1200, 2600)), f0 * 0.02);
    }

    @Test
    void findsThePitchOfAPureTone() {
        assertEquals(150, median(TestSignals.sine(150, 1.0, 0.5)), 2);
    }

    @Test
    void followsAGlidingPitch() {
        float[] x = TestSignals.normalise(TestSignals.resonate(TestSignals.pulseTrain(t -> 100 + 100 * t, 1.0), 800, 100), 0.5);
        double[] f0 = PitchTracker.track(new PcmAudio(x, TestSignals.RATE));
        assertEquals(125, f0[20], 6);
        assertEquals(175, f0[70], 8);
    }

    @Test
    void reportsNoiseAsUnvoiced() {
        float[] x = TestSignals.concat(TestSignals.noise(1.0, 0.2, 3), TestSignals.vowel(120, 0.5, 700, 1200));
        double[] f0 = PitchTracker.track(new PcmAudio(x, TestSignals.RATE));
        int voicedInNoise = 0;
        for (int f = 0; f < 90; f++) {
            voicedInNoise += f0[f] > 0 ? 1 : 0;
        }
        assertTrue(voicedInNoise < 9, "noise frames taken as voiced: " + voicedInNoise);
        assertEquals(120, Statistics.percentile(Statistics.positive(Arrays.copyOfRange(f0, 105, f0.length)), 50), 3);
    }
}
