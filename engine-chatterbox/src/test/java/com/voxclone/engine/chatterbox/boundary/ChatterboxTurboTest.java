package com.voxclone.engine.chatterbox.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.chatterbox.control.TextFrontEnd;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chatterbox Turbo on stand-ins of its graphs (24 layers, position ids, embeddings from ids alone, a GPT-2 byte-level
 * tokenizer with its tags): told from the original by its graphs, and run end to end.
 */
class ChatterboxTurboTest {

    static final String TEXT = "Oh, that's hilarious! [chuckle] Um anyway";
    /**
     * The text's ids by hand: GPT-2's single-byte ids (printable ASCII is its code minus 33, a space 220), the tag's
     * own id, and the two end-of-text tokens. Normalised, the text gains a full stop.
     */
    static final long[] TEXT_IDS = LongStream.concat(LongStream.concat(
            bytes("Oh, that's hilarious! "), LongStream.of(50274)), LongStream.concat(bytes(" Um anyway."), LongStream.of(50256, 50256)))
            .toArray();
    /** A 20 s reference: the prompt takes 15 s of it (376 rows), the speech tokens and decoder prompt 10 s. */
    static final int REFERENCE_SAMPLES = 24_000 * 20;
    static final int PREFIX_ROWS = 376;
    static final int PROMPT = PREFIX_ROWS + TEXT_IDS.length;
    static final int GENERATED = 20;

    @TempDir
    static Path dir;

    static ChatterboxEngine engine;

    @BeforeAll
    static void start() throws Exception {
        StandInModels.writeTurboDirectory(dir.resolve("model"), turboSpec());
        engine = new ChatterboxEngine(ChatterboxConfig.of(dir.resolve("model")).withProvider("cpu"));
    }

    static StandInModels.Spec turboSpec() {
        return new StandInModels.Spec(8, 2, 4, 24, PROMPT + GENERATED, false, "", -1);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static LongStream bytes(String ascii) {
        return ascii.chars().mapToLong(c -> c == ' ' ? 220 : c - 33);
    }

    static float[] reference(int samples) {
        return ChatterboxEngineTest.reference(samples);
    }

    /** What the engine must decode: the voice's tokens, the scripted tokens, three silence tokens. */
    static float[] expectedSpeech(VoicePrompt voice, int generated) {
        long[] tokens = LongStream.concat(LongStream.concat(Arrays.stream(voice.audioTokens()),
                LongStream.range(0, generated).map(i -> (PROMPT + i) * 7 % 6561)), LongStream.of(4299, 4299, 4299)).toArray();
        return StandInModels.expectedWaveform(tokens, voice.featureFrames());
    }

    @Test
    void theGraphsAreToldToBeTurbosAndItsReleaseIsRecorded() {
        assertEquals(ModelFamily.TURBO, engine.family());
        assertTrue(engine.describe().model().startsWith("ResembleAI/chatterbox-turbo-ONNX"), engine.describe().model());
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)));
        assertEquals(VoicePrompt.formatName("ResembleAI/chatterbox-turbo-ONNX"), conditioning.version());
        assertEquals("chatterbox-turbo", conditioning.model());
        assertEquals("chatterbox-turbo", engine.describe().modelId());
    }

    @Test
    void aVoiceEnrolledWithTheOriginalModelIsEnrolledAgainRatherThanMisread() {
        // Same engine, another model's prompt: the caller must enrol again from the references, not call synthesis.
        SpeakerConditioning original = new SpeakerConditioning("chatterbox", "chatterbox",
                VoicePrompt.formatName("ResembleAI/chatterbox"), new byte[16]);
        assertFalse(engine.canUse(original));
        assertTrue(engine.canUse(engine.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)))));
    }

    @Test
    void theTextIsByteLevelTokensWithTheTagAsOneTokenAndTwoEndsOfText() throws Exception {
        try (TextFrontEnd frontEnd = new TextFrontEnd(dir.resolve("model/tokenizer.json"), dir.resolve("cache"), ModelFamily.TURBO)) {
            String normalized = frontEnd.normalize(TEXT);
            assertEquals("Oh, that's hilarious! [chuckle] Um anyway.", normalized);
            assertArrayEquals(TEXT_IDS, frontEnd.encode(normalized));
            // Turbo's punc_norm keeps "...", " - " and ";" as written, unlike the original's.
            assertEquals("Wait... a - b; c.", frontEnd.normalize("wait...   a - b; c"));
            assertEquals("Wait,  what?", com.voxclone.engine.chatterbox.control.PunctuationNormalizer.normalize("wait... what?"));
        }
    }

    @Test
    void enrolmentKeepsFifteenSecondsForThePromptAndTenForTheDecoder() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(REFERENCE_SAMPLES), 24_000)));
        VoicePrompt voice = VoicePrompt.fromBytes(conditioning.data());
        assertEquals(PREFIX_ROWS, voice.featureRows());
        assertEquals(StandInModels.expectedTurboPrefixRows(REFERENCE_SAMPLES), voice.featureRows());
        assertEquals(250, voice.audioTokens().length);
        assertEquals(500, voice.featureFrames());
        assertArrayEquals(StandInModels.expectedAudioTokens(Arrays.copyOf(reference(REFERENCE_SAMPLES), 240_000)), voice.audioTokens());
    }

    @Test
    void speaksTheGeneratedTokensWithPositionsOverTheWholeSequenceAndTrailingSilence() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(REFERENCE_SAMPLES), 24_000)));
        VoicePrompt voice = VoicePrompt.fromBytes(conditioning.data());
        PcmAudio speech = engine.synthesizeAll(conditioning, TEXT, new VoiceSettings(0.5, 0.5, 4096, 0.8, 1.0, 42L));
        float[] expected = expectedSpeech(voice, GENERATED);
        assertEquals((GENERATED + 3) * 960, expected.length);
        assertArrayEquals(expected, speech.samples(), 1e-5f);
    }

    @Test
    void streamedChunksJoinToTheSameSpeech() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(REFERENCE_SAMPLES), 24_000)));
        List<AudioChunk> chunks = new ArrayList<>();
        engine.synthesize(conditioning, TEXT, new VoiceSettings(0.5, 0.5, 512, 0.8, 1.0, 7L), chunks::add);
        assertTrue(chunks.size() > 1);
        assertTrue(chunks.get(chunks.size() - 1).last());
        float[] joined = chunks.stream().map(AudioChunk::audio).reduce(PcmAudio::append).orElseThrow().samples();
        assertArrayEquals(expectedSpeech(VoicePrompt.fromBytes(conditioning.data()), GENERATED), joined, 1e-5f);
    }

    @Test
    void exaggerationAndGuidanceAreIgnoredAsTurboHasNeither() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(REFERENCE_SAMPLES), 24_000)));
        PcmAudio plain = engine.synthesizeAll(conditioning, TEXT, new VoiceSettings(0.5, 0.0, 4096, 0.8, 1.0, 3L));
        PcmAudio guided = engine.synthesizeAll(conditioning, TEXT, new VoiceSettings(2.0, 1.0, 4096, 0.8, 1.0, 3L));
        assertArrayEquals(plain.samples(), guided.samples());
        assertEquals(0.0, engine.rules(new VoiceSettings(2.0, 1.0, 4096, 0.8, 1.0, 3L)).cfgWeight());
        assertEquals(0.0, engine.rules(new VoiceSettings(2.0, 1.0, 4096, 0.8, 1.0, 3L)).minP());
    }

    @Test
    void anUnknownTagIsRefusedNamingItAndTheKnownOnes() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)));
        EngineException e = assertThrows(EngineException.class,
                () -> engine.synthesizeAll(conditioning, "Well [yodel] that [laugh] was [dance].", VoiceSettings.defaults()));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().startsWith("Chatterbox Turbo does not know the tags [yodel], [dance]; it knows [clear throat]"),
                e.getMessage());
    }

    @Test
    void aVoiceEnrolledWithTheOriginalModelMustBeEnrolledAgain() {
        VoicePrompt original = new VoicePrompt(ChatterboxConfig.DEFAULT_MODEL_ID, "fp32", 33, 8, new float[33 * 8], new long[] {1},
                new float[192], new float[2 * 80]);
        EngineException e = assertThrows(EngineException.class, () -> engine.synthesizeAll(new SpeakerConditioning("chatterbox",
                VoicePrompt.formatName(ChatterboxConfig.DEFAULT_MODEL_ID), original.toBytes()), TEXT, VoiceSettings.defaults()));
        assertTrue(e.getMessage().contains("enrol the voice again"), e.getMessage());
    }

    @Test
    void graphsWithEmbeddedWeightsSpeakTheSame(@TempDir Path other) throws Exception {
        StandInModels.writeTurboDirectory(other, turboSpec(), StandInModels.EMBEDDED);
        try (ChatterboxEngine embedded = new ChatterboxEngine(ChatterboxConfig.of(other).withProvider("cpu"))) {
            SpeakerConditioning conditioning = embedded.enroll(List.of(new PcmAudio(reference(REFERENCE_SAMPLES), 24_000)));
            PcmAudio speech = embedded.synthesizeAll(conditioning, TEXT, VoiceSettings.defaults());
            assertArrayEquals(expectedSpeech(VoicePrompt.fromBytes(conditioning.data()), GENERATED), speech.samples(), 1e-5f);
        }
    }

    @Test
    void turboEmbeddingsWithALanguageModelWithoutPositionsAreRefusedSayingWhatDoesNotFit(@TempDir Path other) throws Exception {
        StandInModels.writeTurboDirectory(other, turboSpec());
        StandInModels.languageModel(turboSpec()).save(other.resolve("onnx/language_model.onnx"), StandInModels.EXTERNAL_FROM_BYTES);
        EngineException e = assertThrows(EngineException.class, () -> new ChatterboxEngine(ChatterboxConfig.of(other).withProvider("cpu")));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("Read as chatterbox:\n  - onnx/embed_tokens.onnx: lacks the inputs exaggeration, position_ids"),
                e.getMessage());
    }

    @Test
    void aNodeSetToRunOneModelRefusesTheOthersFilesAndAnUnknownModelNamingTheModels() {
        ChatterboxEngineFactory factory = factory("chatterbox", dir.resolve("model"));
        EngineException e = assertThrows(EngineException.class, factory::engine);
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("holds the graphs of chatterbox-turbo, but this node is set to run chatterbox (VOXCLONE_MODEL). "
                + "Set VOXCLONE_MODEL=chatterbox-turbo"), e.getMessage());

        EngineException multilingual = assertThrows(EngineException.class, factory("chatterbox-multilingual", dir.resolve("model"))::engine);
        assertTrue(multilingual.getMessage().contains("holds the graphs of chatterbox-turbo, but this node is set to run "
                + "chatterbox-multilingual"), multilingual.getMessage());
        EngineException unknown = assertThrows(EngineException.class, factory("chatterbox-xl", dir.resolve("model"))::engine);
        assertTrue(unknown.getMessage().contains("the models are chatterbox, chatterbox-turbo, chatterbox-multilingual"), unknown.getMessage());

        ChatterboxEngineFactory turbo = factory("chatterbox-turbo", dir.resolve("model"));
        try {
            assertEquals(ModelFamily.TURBO, turbo.engine().family());
        } finally {
            turbo.shutdown();
        }
    }

    /** The factory as the server configures it by default, for {@code model} with its files in {@code modelDir}. */
    private static ChatterboxEngineFactory factory(String model, Path modelDir) {
        ChatterboxEngineFactory f = new ChatterboxEngineFactory();
        f.model = model;
        f.modelsDir = "unused";
        f.modelDir = Optional.of(modelDir.toString());
        f.modelId = Optional.empty();
        f.precision = "fp32";
        f.decoder = "conditional_decoder";
        f.provider = "cpu";
        f.concurrency = 1;
        f.queueWaitSeconds = 300;
        f.tokenizerCache = Optional.empty();
        f.repetitionPenalty = 1.2;
        f.minP = 0.05;
        f.topP = 1.0;
        f.maxNewTokens = 1000;
        f.contextTokens = 25;
        f.maxChunkTokens = 25;
        f.chunkGrowth = 2;
        f.decoderPromptSeconds = 10;
        f.batchSize = 16;
        f.batchCacheMegabytes = 1024;
        f.concurrentCalls = 2;
        f.decoderBatchSize = 1;
        return f;
    }
}
