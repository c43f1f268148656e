package com.voxclone.engine.offline.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.AudioChunk;
import com.voxclone.engine.entity.EngineException;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.control.PitchTracker;
import com.voxclone.engine.offline.control.Statistics;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine end to end with the real MaryTTS voice; the references are the base voice itself, re-pitched. */
class OfflineVoiceEngineTest {

    private static final String TEXT = "The sun rose over the quiet hills. Birds began to sing. A new day had started.";
    private static OfflineVoiceEngine engine;
    private static PcmAudio baseSpeech;
    private static SpeakerConditioning lowVoice;

    @BeforeAll
    static void start() {
        engine = new OfflineVoiceEngine();
        engine.warmUp();
        baseSpeech = engine.synthesizeWithBaseVoice("Every morning she walked along the river to the old mill and back.");
        // A lower voice made with the engine's own conversion toward a hand-written profile.
        SpeakerProfile base = engine.profileOf(engine.enroll(List.of(baseSpeech)));
        SpeakerProfile low = new SpeakerProfile(base.speechSeconds(), base.voicedSeconds(), 110, 95, 128, base.f0StdSemitones(),
                base.formantsHz(), base.ltasDb(), base.tiltDbPerOctave(), base.syllablesPerSecond(), base.loudnessDb());
        lowVoice = new SpeakerConditioning(OfflineVoiceEngine.ID, SpeakerProfile.VERSION, low.toBytes());
    }

    private static double medianF0(PcmAudio audio) {
        return Statistics.percentile(Statistics.positive(PitchTracker.track(audio)), 50);
    }

    private static VoiceSettings seeded(long seed) {
        VoiceSettings d = VoiceSettings.defaults();
        return new VoiceSettings(d.exaggeration(), d.cfgWeight(), 1024, d.temperature(), d.speed(), seed);
    }

    @Test
    void describesItself() {
        assertEquals("offline", engine.id());
        assertEquals("offline", engine.describe().qualityTier());
        assertEquals("CPU", engine.describe().executionProvider());
    }

    @Test
    void enrolmentStoresAVersionedProfileOfTheVoice() {
        SpeakerConditioning conditioning = engine.enroll(List.of(baseSpeech));
        assertEquals("offline", conditioning.engine());
        assertEquals("offline-analysis/1", conditioning.version());
        assertEquals(medianF0(baseSpeech), engine.profileOf(conditioning).f0MedianHz(), 1e-6);
    }

    @Test
    void refusesConditioningOfAnotherEngineOrVersion() {
        byte[] data = engine.enroll(List.of(baseSpeech)).data();
        for (SpeakerConditioning foreign : List.of(new SpeakerConditioning("chatterbox", "chatterbox-onnx/1", data),
                new SpeakerConditioning("offline", "offline-analysis/0", data))) {
            EngineException e = assertThrows(EngineException.class, () -> engine.synthesizeAll(foreign, TEXT, VoiceSettings.defaults()));
            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("Enrol the voice again"), e.getMessage());
        }
    }

    @Test
    void refusesEmptyEnrolmentAndEmptyText() {
        assertFalse(assertThrows(EngineException.class, () -> engine.enroll(List.of())).retryable());
        assertFalse(assertThrows(EngineException.class, () -> engine.synthesizeAll(lowVoice, " ... ", VoiceSettings.defaults())).retryable());
    }

    @Test
    void speaksAtTheEnrolledPitch() {
        PcmAudio speech = engine.synthesizeAll(lowVoice, TEXT, seeded(1));
        assertEquals(PcmAudio.MODEL_RATE, speech.sampleRate());
        assertEquals(110, medianF0(speech), 110 * 0.1);
    }

    @Test
    void streamsSentenceSizedChunksInWholeMultiplesOfTheChunkSize() {
        List<AudioChunk> chunks = new ArrayList<>();
        engine.synthesize(lowVoice, TEXT, seeded(2), chunks::add);
        assertTrue(chunks.size() >= 2, "three sentences stream as more than one chunk");
        for (int i = 0; i < chunks.size(); i++) {
            AudioChunk chunk = chunks.get(i);
            assertEquals(i, chunk.sequence());
            assertEquals(i == chunks.size() - 1, chunk.last());
            if (!chunk.last()) {
                assertEquals(0, chunk.audio().samples().length % 1024);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndAnotherSeedDoesNot() {
        float[] first = engine.synthesizeAll(lowVoice, TEXT, seeded(42)).samples();
        float[] again = engine.synthesizeAll(lowVoice, TEXT, seeded(42)).samples();
        float[] other = engine.synthesizeAll(lowVoice, TEXT, seeded(43)).samples();
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
    }

    @Test
    void speedChangesTheTempo() {
        VoiceSettings d = seeded(5);
        double normal = engine.synthesizeAll(lowVoice, TEXT, d).durationSeconds();
        double fast = engine.synthesizeAll(lowVoice, TEXT,
                new VoiceSettings(d.exaggeration(), d.cfgWeight(), d.chunkSize(), d.temperature(), 1.5, d.seed())).durationSeconds();
        assertEquals(normal / 1.5, fast, normal * 0.12);
    }

    @Test
    void exaggerationWidensTheIntonation() {
        VoiceSettings d = seeded(6);
        double flat = pitchSpread(engine.synthesizeAll(lowVoice, TEXT,
                new VoiceSettings(0.25, d.cfgWeight(), d.chunkSize(), 0.05, d.speed(), d.seed())));
        double lively = pitchSpread(engine.synthesizeAll(lowVoice, TEXT,
                new VoiceSettings(2.0, d.cfgWeight(), d.chunkSize(), 0.05, d.speed(), d.seed())));
        assertTrue(lively > flat * 1.5, "spread " + flat + " st at 0.25, " + lively + " st at 2.0");
    }

    private static double pitchSpread(PcmAudio audio) {
        double[] voiced = Statistics.positive(PitchTracker.track(audio));
        return Statistics.semitones(Statistics.percentile(voiced, 90), Statistics.percentile(voiced, 10));
    }

    @Test
    void convertsARecordingTowardTheEnrolledVoiceKeepingItsLength() {
        PcmAudio converted = engine.convert(lowVoice, baseSpeech, VoiceSettings.defaults());
        assertEquals(PcmAudio.MODEL_RATE, converted.sampleRate());
        assertEquals(baseSpeech.durationSeconds(), converted.durationSeconds(), 0.02);
        assertEquals(110, medianF0(converted), 110 * 0.1);
        assertNotEquals(medianF0(baseSpeech), medianF0(converted), 30);
    }
}
