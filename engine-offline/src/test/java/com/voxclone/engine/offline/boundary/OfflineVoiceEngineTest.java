package com.voxclone.engine.offline.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.engine.offline.control.PitchTracker;
import com.voxclone.engine.offline.control.Resampler;
import com.voxclone.engine.offline.control.Statistics;
import com.voxclone.engine.offline.entity.ClonedVoice;
import com.voxclone.engine.offline.entity.OfflineEngineConfig;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end with the real base voices; the references are the base voices themselves, some re-pitched by
 * hand-written profiles.
 */
class OfflineVoiceEngineTest {

    private static final String TEXT = "The sun rose over the quiet hills. Birds began to sing. A new day had started.";
    private static final String REFERENCE_TEXT = "Every morning she walked along the river to the old mill and back.";
    private static OfflineVoiceEngine engine;
    private static PcmAudio baseSpeech;
    private static PcmAudio maleSpeech;
    /** The female base voice's profile at 110 Hz, stored with that base voice. */
    private static SpeakerConditioning lowVoice;

    @BeforeAll
    static void start() {
        engine = new OfflineVoiceEngine();
        engine.warmUp();
        baseSpeech = engine.synthesizeWithBaseVoice("cmu-slt-hsmm", REFERENCE_TEXT);
        maleSpeech = engine.synthesizeWithBaseVoice("kevin16", REFERENCE_TEXT);
        SpeakerProfile base = engine.profileOf(engine.enroll(List.of(baseSpeech)));
        lowVoice = conditioning(new ClonedVoice(withPitch(base, 110), "cmu-slt-hsmm"));
    }

    private static SpeakerProfile withPitch(SpeakerProfile p, double f0) {
        double ratio = f0 / p.f0MedianHz();
        return new SpeakerProfile(p.speechSeconds(), p.voicedSeconds(), f0, p.f0LowHz() * ratio, p.f0HighHz() * ratio,
                p.f0StdSemitones(), p.formantsHz(), p.ltasDb(), p.tiltDbPerOctave(), p.syllablesPerSecond(), p.loudnessDb());
    }

    private static SpeakerConditioning conditioning(ClonedVoice voice) {
        return new SpeakerConditioning(OfflineVoiceEngine.ID, ClonedVoice.FORMAT, voice.toBytes());
    }

    /** Conditioning as the first format wrote it: the profile's fields and the version, no base voice. */
    private static SpeakerConditioning firstFormat(SpeakerProfile profile) {
        byte[] data = profile.toJson().add("version", "offline-analysis/1").build().toString().getBytes(StandardCharsets.UTF_8);
        return new SpeakerConditioning(OfflineVoiceEngine.ID, "offline-analysis/1", data);
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
        assertTrue(engine.describe().model().contains("cmu-slt-hsmm") && engine.describe().model().contains("kevin16"),
                engine.describe().model());
        assertEquals("offline", engine.describe().qualityTier());
        assertEquals("CPU", engine.describe().executionProvider());
    }

    @Test
    void enrolmentStoresAVersionedProfileOfTheVoice() {
        SpeakerConditioning conditioning = engine.enroll(List.of(baseSpeech));
        assertEquals("offline", conditioning.engine());
        assertEquals("offline-analysis/2", conditioning.version());
        assertEquals(medianF0(Resampler.toRate(baseSpeech, PcmAudio.MODEL_RATE)), engine.profileOf(conditioning).f0MedianHz(), 1e-6);
    }

    @Test
    void itSpeaksEnglishOnlyAndSaysSo() {
        SpeakerConditioning conditioning = engine.enroll(List.of(baseSpeech));
        VoiceSettings french = new VoiceSettings(0.5, 0.5, 2048, 0.8, 1.0, 1L, "fr");
        EngineException refused = assertThrows(EngineException.class, () -> engine.synthesizeAll(conditioning, "Bonjour.", french));
        assertTrue(refused.refusedInput());
        assertEquals("the model offline speaks English (en) only, not 'fr'; chatterbox-multilingual speaks it", refused.getMessage());
    }

        @Test
    void enrolmentStoresTheClosestBaseVoice() {
        assertEquals("cmu-slt-hsmm", engine.baseVoiceOf(engine.enroll(List.of(baseSpeech))));
        SpeakerConditioning male = engine.enroll(List.of(maleSpeech));
        assertEquals("kevin16", engine.baseVoiceOf(male));
        assertEquals("kevin16", ClonedVoice.fromBytes(male.data()).baseVoice());
    }

    @Test
    void theStoredBaseVoiceIsKeptEvenWhereAnotherIsCloser() {
        // The same profile without a stored choice gets the male voice: 110 Hz is far nearer its pitch.
        assertEquals("kevin16", engine.baseVoiceOf(firstFormat(engine.profileOf(lowVoice))));
        assertEquals("cmu-slt-hsmm", engine.baseVoiceOf(lowVoice));
    }

    @Test
    void conditioningOfTheFirstFormatIsSpokenWithTheClosestBaseVoice() {
        SpeakerProfile male = engine.profileOf(engine.enroll(List.of(maleSpeech)));
        SpeakerConditioning old = firstFormat(withPitch(male, 90));
        assertTrue(engine.canUse(old));
        assertEquals("kevin16", engine.baseVoiceOf(old));
        assertEquals(90, medianF0(engine.synthesizeAll(old, TEXT, seeded(3))), 9);
    }

    @Test
    void aBaseVoiceThisEngineLacksIsReplacedByTheClosest() {
        SpeakerProfile male = engine.profileOf(engine.enroll(List.of(maleSpeech)));
        assertEquals("kevin16", engine.baseVoiceOf(conditioning(new ClonedVoice(male, "retired-voice"))));
        OfflineVoiceEngine femaleOnly = new OfflineVoiceEngine(new OfflineEngineConfig(List.of("cmu-slt-hsmm"), 0.2, 0.05, 0.03));
        assertEquals("cmu-slt-hsmm", femaleOnly.baseVoiceOf(conditioning(new ClonedVoice(male, "kevin16"))));
    }

    @Test
    void speaksWithTheMaleBaseVoiceAtTheEnrolledPitch() {
        SpeakerConditioning deep = conditioning(new ClonedVoice(withPitch(engine.profileOf(engine.enroll(List.of(maleSpeech))), 85),
                "kevin16"));
        PcmAudio speech = engine.synthesizeAll(deep, TEXT, seeded(4));
        assertEquals(PcmAudio.MODEL_RATE, speech.sampleRate());
        assertEquals(85, medianF0(speech), 85 * 0.1);
    }

    @Test
    void refusesConditioningOfAnotherEngineOrVersion() {
        byte[] data = engine.enroll(List.of(baseSpeech)).data();
        for (SpeakerConditioning foreign : List.of(new SpeakerConditioning("chatterbox", "chatterbox-onnx/1", data),
                new SpeakerConditioning("offline", "offline-analysis/3", data),
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
        assertFalse(Arrays.equals(first, other));
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
