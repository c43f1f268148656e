package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VoiceActivityDetectorTest {

    @Test
    void findsSpeechBetweenQuietStretches() {
        float[] x = TestSignals.concat(TestSignals.noise(0.5, 0.001, 1), TestSignals.vowel(120, 1.0, 600, 1400),
                TestSignals.noise(0.8, 0.001, 2));
        boolean[] speech = VoiceActivityDetector.speechFrames(x, TestSignals.RATE);
        assertEquals(1.0, VoiceActivityDetector.speechSeconds(speech), 0.05);
        assertFalse(speech[20], "silence before speech");
        assertTrue(speech[100], "middle of the vowel");
        assertFalse(speech[speech.length - 10], "silence after speech");
    }

    @Test
    void keepsQuietFricativesNextToVowels() {
        float[] x = TestSignals.concat(TestSignals.noise(0.5, 0.0005, 1), TestSignals.vowel(120, 0.5, 600, 1400),
                TestSignals.noise(0.2, 0.01, 5), TestSignals.noise(0.5, 0.0005, 6));
        double seconds = VoiceActivityDetector.speechSeconds(VoiceActivityDetector.speechFrames(x, TestSignals.RATE));
        assertEquals(0.7, seconds, 0.05);
    }

    @Test
    void bridgesShortPauses() {
        float[] x = TestSignals.concat(TestSignals.noise(0.3, 0.001, 1), TestSignals.vowel(120, 0.3, 600),
                TestSignals.noise(0.05, 0.001, 2), TestSignals.vowel(120, 0.3, 600), TestSignals.noise(0.3, 0.001, 3));
        boolean[] speech = VoiceActivityDetector.speechFrames(x, TestSignals.RATE);
        assertTrue(speech[62], "a 50 ms pause inside speech stays speech");
    }

    @Test
    void aRecordingShorterThanOneFrameHasNoFrames() {
        // 308 samples at 24 kHz (13 ms) against a 20 ms window: a damaged upload trimmed to almost nothing once failed
        // here with an index out of bounds, because (308 - 480) / 240 + 1 counted one frame.
        assertEquals(0, VoiceActivityDetector.speechFrames(new float[308], 24_000).length);
        assertEquals(0, PitchTracker.track(new com.voxclone.audio.entity.PcmAudio(new float[308], 24_000)).length);
        assertEquals(0, VoiceActivityDetector.frameCount(479, 480, 240));
        assertEquals(1, VoiceActivityDetector.frameCount(480, 480, 240));
        assertEquals(2, VoiceActivityDetector.frameCount(720, 480, 240));
    }
}
