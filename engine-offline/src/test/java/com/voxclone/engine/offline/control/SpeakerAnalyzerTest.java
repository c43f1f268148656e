package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeakerAnalyzerTest {

    private static PcmAudio speechLike(double f0, double seconds) {
        float[] x = TestSignals.normalise(TestSignals.resonate(TestSignals.resonate(
                TestSignals.pulseTrain(t -> f0 * (1 + 0.1 * Math.sin(2 * Math.PI * 1.5 * t)), seconds), 600, 80), 1700, 100), 0.3);
        return new PcmAudio(TestSignals.concat(new float[4800], x, new float[4800]), TestSignals.RATE);
    }

    @Test
    void measuresPitchLevelRangeAndLoudness() {
        SpeakerProfile p = SpeakerAnalyzer.analyze(speechLike(150, 2.0));
        assertEquals(150, p.f0MedianHz(), 5);
        // +-10 % sinusoidal vibrato: 10th to 90th percentile spans about 2 x 0.95 x 10 %, about 3.3 semitones.
        assertEquals(3.3, p.f0RangeSemitones(), 0.6);
        assertEquals(2.0, p.speechSeconds(), 0.1);
        assertEquals(SpeakerAnalyzer.loudnessDb(speechLike(150, 2.0).samples(), TestSignals.RATE,
                VoiceActivityDetector.speechFrames(speechLike(150, 2.0).samples(), TestSignals.RATE)), p.loudnessDb(), 1e-9);
    }

    @Test
    void analysesOtherSampleRates() {
        PcmAudio at24k = speechLike(200, 1.5);
        PcmAudio at16k = new PcmAudio(Resampler.resample(at24k.samples(), 24_000, 16_000), 16_000);
        assertEquals(200, SpeakerAnalyzer.analyze(at16k).f0MedianHz(), 6);
    }

    @Test
    void combinesSamplesWeightedByVoicedDuration() {
        SpeakerProfile low = SpeakerAnalyzer.analyze(speechLike(100, 3.0));
        SpeakerProfile high = SpeakerAnalyzer.analyze(speechLike(200, 1.0));
        SpeakerProfile both = SpeakerAnalyzer.combine(List.of(low, high));
        double expected = Math.exp((low.voicedSeconds() * Math.log(low.f0MedianHz()) + high.voicedSeconds() * Math.log(high.f0MedianHz()))
                / (low.voicedSeconds() + high.voicedSeconds()));
        assertEquals(expected, both.f0MedianHz(), 1e-6);
        assertEquals(low.speechSeconds() + high.speechSeconds(), both.speechSeconds(), 1e-9);
        assertEquals(120, both.f0MedianHz(), 8); // three quarters of the voiced time is at 100 Hz
    }

    @Test
    void refusesRecordingsWithoutSpeech() {
        PcmAudio silence = new PcmAudio(new float[48_000], TestSignals.RATE);
        assertThrows(IllegalArgumentException.class, () -> SpeakerAnalyzer.analyze(silence));
    }

    @Test
    void aFewMillisecondsOfAudioAreRefusedInWords() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SpeakerAnalyzer.analyze(new PcmAudio(new float[308], PcmAudio.MODEL_RATE)));
        assertTrue(refused.getMessage().contains("0.0 s of speech"), refused.getMessage());
    }
}
