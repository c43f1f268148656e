package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpeakingRateEstimatorTest {

    /** Vowel-like bursts with a smooth rise and fall, {@code perSecond} of them, as syllables. */
    private static float[] syllables(double perSecond, double seconds) {
        float[] vowel = TestSignals.vowel(130, seconds, 700, 1300);
        for (int i = 0; i < vowel.length; i++) {
            double t = i / (double) TestSignals.RATE;
            double envelope = 0.1 + 0.9 * Math.pow(Math.sin(Math.PI * perSecond * t), 2);
            vowel[i] *= (float) envelope;
        }
        return vowel;
    }

    @ParameterizedTest
    @ValueSource(doubles = {2.5, 4, 6})
    void countsSyllableNucleiPerSecond(double perSecond) {
        float[] x = TestSignals.concat(new float[TestSignals.RATE / 2], syllables(perSecond, 4), new float[TestSignals.RATE / 2]);
        boolean[] speech = VoiceActivityDetector.speechFrames(x, TestSignals.RATE);
        assertEquals(perSecond, SpeakingRateEstimator.syllablesPerSecond(x, TestSignals.RATE, speech), perSecond * 0.15);
    }
}
