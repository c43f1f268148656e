package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FreeTtsVoiceTest {

    private static final String TEXT = "Every morning she walked along the river to the old mill and back.";
    private static FreeTtsVoice voice;

    @BeforeAll
    static void start() {
        voice = new FreeTtsVoice();
        voice.start();
    }

    private static double medianF0(PcmAudio audio) {
        return Statistics.percentile(Statistics.positive(PitchTracker.track(audio)), 50);
    }

    private static double spreadSemitones(PcmAudio audio) {
        double[] voiced = Statistics.positive(PitchTracker.track(audio));
        return Statistics.semitones(Statistics.percentile(voiced, 90), Statistics.percentile(voiced, 10));
    }

    @Test
    void mapsProsodyTargetsOntoTheVoiceSettings() {
        FreeTtsVoice.Settings neutral = FreeTtsVoice.settings(ProsodyTargets.NEUTRAL);
        assertEquals(new FreeTtsVoice.Settings(100, 11, 1), neutral);
        assertEquals(new FreeTtsVoice.Settings(60, 22, 1.25f), FreeTtsVoice.settings(new ProsodyTargets(-40, 2, 1.25)));
        assertEquals(50, FreeTtsVoice.settings(new ProsodyTargets(-90, 1, 1)).pitchHz(), "FreeTTS's own lower limit");
    }

    @Test
    void speaksMaleSpeechAt16KilohertzAroundItsBaselinePitch() {
        PcmAudio speech = voice.synthesize(TEXT, ProsodyTargets.NEUTRAL);
        assertEquals(16_000, speech.sampleRate());
        assertTrue(speech.durationSeconds() > 2 && speech.durationSeconds() < 8, speech.durationSeconds() + " s");
        assertEquals(100, medianF0(speech), 15);
    }

    @Test
    void followsPitchRangeAndTempoTargets() {
        PcmAudio plain = voice.synthesize(TEXT, ProsodyTargets.NEUTRAL);
        PcmAudio higher = voice.synthesize(TEXT, new ProsodyTargets(40, 1, 1));
        PcmAudio wider = voice.synthesize(TEXT, new ProsodyTargets(0, 3, 1));
        PcmAudio slower = voice.synthesize(TEXT, new ProsodyTargets(0, 1, 1.5));
        assertEquals(medianF0(plain) + 40, medianF0(higher), 8);
        assertTrue(spreadSemitones(wider) > 2 * spreadSemitones(plain), spreadSemitones(plain) + " -> " + spreadSemitones(wider));
        assertEquals(plain.durationSeconds() * 1.5, slower.durationSeconds(), plain.durationSeconds() * 0.1);
    }

    @Test
    void theSameTargetsGiveTheSameSamples() {
        ProsodyTargets targets = new ProsodyTargets(-20, 0.8, 0.9);
        assertEquals(voice.synthesize(TEXT, targets), voice.synthesize(TEXT, targets));
    }
}
