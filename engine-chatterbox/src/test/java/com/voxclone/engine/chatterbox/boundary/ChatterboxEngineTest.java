package com.voxclone.engine.chatterbox.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.chatterbox.control.PunctuationNormalizer;
import com.voxclone.engine.chatterbox.control.TextFrontEnd;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.DecodingOptions;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.voice.entity.TextPieces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine on the stand-in graphs, whose outputs the tests can predict. */
class ChatterboxEngineTest {

    /** "How are you?" is 12 template tokens; with the 33-row voice prefix the prompt is 45 positions. */
    static final String TEXT = "How are you?";
    static final int PROMPT = 45;
    static final int GENERATED = 20;

    @TempDir
    static Path dir;

    static ChatterboxEngine engine;

    @BeforeAll
    static void start() throws Exception {
        StandInModels.writeModelDirectory(dir.resolve("model"), StandInModels.Spec.small(PROMPT + GENERATED));
        engine = new ChatterboxEngine(ChatterboxConfig.of(dir.resolve("model")).withProvider("cpu"));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    static float[] reference(int samples) {
        float[] audio = new float[samples];
        for (int i = 0; i < samples; i++) {
            audio[i] = (float) (0.4 * Math.sin(i * 0.02) * ((i / 960) % 9) / 9.0);
        }
        return audio;
    }

    /** The tokens the stand-in language model scripts: (mask total * 7) mod 6561, one per step. */
    static long[] scriptedTokens(int count) {
        return LongStream.range(0, count).map(i -> (PROMPT + i) * 7 % 6561).toArray();
    }

    static float[] expectedSpeech(VoicePrompt voice, long[] generated) {
        long[] all = LongStream.concat(Arrays.stream(voice.audioTokens()), Arrays.stream(generated)).toArray();
        return StandInModels.expectedWaveform(all, voice.featureFrames());
    }

    @Test
    void describesItselfWithTheProviderReallyUsed() {
        assertEquals("chatterbox", engine.id());
        assertEquals("high", engine.describe().qualityTier());
        assertEquals("CPU", engine.describe().executionProvider());
        assertTrue(engine.describe().model().contains("fp32"));
    }

    @Test
    void enrolmentStoresTheEncoderOutputsOfTheFirstTenSeconds() {
        float[] audio = reference(24_000 * 12);
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(Arrays.copyOf(audio, 24_000 * 5), 24_000),
                new PcmAudio(Arrays.copyOfRange(audio, 24_000 * 5, audio.length), 24_000)));
        assertEquals("chatterbox", conditioning.engine());
        VoicePrompt voice = VoicePrompt.fromBytes(conditioning.data());
        assertArrayEquals(StandInModels.expectedAudioTokens(Arrays.copyOf(audio, 240_000)), voice.audioTokens());
        assertEquals(250, voice.audioTokens().length);
        assertEquals(500, voice.featureFrames());
        assertEquals(33, voice.featureRows());
        assertEquals(8, voice.hidden());
        assertEquals(192, voice.speakerEmbedding().length);
        assertEquals(voice, VoicePrompt.fromBytes(voice.toBytes()));
    }

    @Test
    void refusesShortReferencesWrongRatesAndForeignConditioning() {
        EngineException shortOne = assertThrows(EngineException.class, () -> engine.enroll(List.of(new PcmAudio(new float[1000], 24_000))));
        assertFalse(shortOne.retryable());
        assertThrows(EngineException.class, () -> engine.enroll(List.of(new PcmAudio(new float[48_000], 16_000))));
        EngineException foreign = assertThrows(EngineException.class, () -> engine.synthesizeAll(
                new SpeakerConditioning("offline", "offline-analysis/1", new byte[3]), TEXT, VoiceSettings.defaults()));
        assertTrue(foreign.getMessage().contains("enrol the voice again"), foreign.getMessage());
        SpeakerConditioning corrupt = new SpeakerConditioning("chatterbox", VoicePrompt.formatName(ChatterboxConfig.DEFAULT_MODEL_ID), new byte[] {1, 2});
        assertThrows(EngineException.class, () -> engine.synthesizeAll(corrupt, TEXT, VoiceSettings.defaults()));
        VoicePrompt otherWidth = new VoicePrompt(ChatterboxConfig.DEFAULT_MODEL_ID, "fp32", 33, 4, new float[33 * 4], new long[] {1},
                new float[192], new float[2 * 80]);
        EngineException width = assertThrows(EngineException.class, () -> engine.synthesizeAll(new SpeakerConditioning("chatterbox",
                VoicePrompt.formatName(ChatterboxConfig.DEFAULT_MODEL_ID), otherWidth.toBytes()), TEXT, VoiceSettings.defaults()));
        assertTrue(width.getMessage().contains("enrol the voice again"), width.getMessage());
    }

    @Test
    void synthesisDecodesTheGeneratedTokensAfterTheVoicePrompt() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)));
        VoicePrompt voice = VoicePrompt.fromBytes(conditioning.data());
        PcmAudio speech = engine.synthesizeAll(conditioning, TEXT, new VoiceSettings(0.5, 0.5, 4096, 0.8, 1.0, 42L));
        float[] expected = expectedSpeech(voice, scriptedTokens(GENERATED));
        assertEquals(GENERATED * 960, expected.length);
        assertArrayEquals(expected, speech.samples(), 1e-5f);
    }

    @Test
    void theSpeakingRateChangesTheLengthOfTheSpeechWhileStreaming() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)));
        for (double speed : new double[] {0.5, 1.6}) {
            List<AudioChunk> chunks = new ArrayList<>();
            engine.synthesize(conditioning, TEXT, new VoiceSettings(0.5, 0.5, 512, 0.8, speed, 7L), chunks::add);
            int samples = chunks.stream().mapToInt(c -> c.audio().samples().length).sum();
            assertEquals(GENERATED * 960 / speed, samples, 24_000 * 0.02, "samples at speed " + speed);
            assertTrue(chunks.size() > 1, "still streamed in pieces at speed " + speed);
            assertTrue(chunks.get(chunks.size() - 1).last());
        }
    }

    @Test
    void streamsNumberedChunksThatJoinWithoutSeams() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)));
        VoicePrompt voice = VoicePrompt.fromBytes(conditioning.data());
        List<AudioChunk> chunks = new ArrayList<>();
        engine.synthesize(conditioning, TEXT, new VoiceSettings(0.5, 0.5, 512, 0.8, 1.0, 7L), chunks::add);

        // 512 samples -> first chunk after 2 tokens, then 4, 8, and the remaining 6 with the end.
        assertEquals(4, chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i, chunks.get(i).sequence());
            assertEquals(i == chunks.size() - 1, chunks.get(i).last());
        }
        assertEquals(2 * 960 - 480, chunks.get(0).audio().samples().length);
        assertEquals(4 * 960, chunks.get(1).audio().samples().length);
        float[] joined = chunks.stream().map(AudioChunk::audio).reduce(PcmAudio::append).orElseThrow().samples();
        // The stand-in decoder is deterministic, so cross-fading identical stretches must give the one-piece result.
        assertArrayEquals(expectedSpeech(voice, scriptedTokens(GENERATED)), joined, 1e-5f);
    }

    @Test
    void withoutStreamingTheWholeClipIsDecodedAtOnce() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)));
        List<AudioChunk> chunks = new ArrayList<>();
        engine.speak(conditioning, TEXT, new VoiceSettings(0.5, 0.5, 512, 0.8, 1.0, 7L), chunks::add, false);
        assertEquals(1, chunks.size(), "one decoder call, one chunk, although the chunk size asks for small ones");
        assertTrue(chunks.get(0).last());
        assertArrayEquals(expectedSpeech(VoicePrompt.fromBytes(conditioning.data()), scriptedTokens(GENERATED)),
                chunks.get(0).audio().samples(), 1e-5f);
    }

    @Test
    void aShorterDecoderPromptAndSmallerChunksStillYieldExactlyTheGeneratedSpeech(@TempDir Path other) throws Exception {
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(PROMPT + GENERATED));
        ChatterboxConfig config = ChatterboxConfig.of(other).withProvider("cpu")
                .withDecoding(DecodingOptions.defaults().withDecoderLimits(4, 2));
        try (ChatterboxEngine shortPrompt = new ChatterboxEngine(config)) {
            SpeakerConditioning conditioning = shortPrompt.enroll(List.of(new PcmAudio(reference(24_000 * 6), 24_000)));
            VoicePrompt voice = VoicePrompt.fromBytes(conditioning.data());
            assertEquals(150, voice.audioTokens().length, "the whole 6 s stay stored; only the decoder sees 2 s");
            List<AudioChunk> chunks = new ArrayList<>();
            shortPrompt.synthesize(conditioning, TEXT, new VoiceSettings(0.5, 0.5, 512, 0.8, 1.0, 7L), chunks::add);
            // 512 samples -> 2 tokens first, then at most 4 per chunk: 2, 4, 4, 4, 4 and the last 2.
            assertEquals(6, chunks.size());
            float[] joined = chunks.stream().map(AudioChunk::audio).reduce(PcmAudio::append).orElseThrow().samples();
            assertArrayEquals(expectedSpeech(voice.withDecoderPromptOf(50), scriptedTokens(GENERATED)), joined, 1e-5f);
        }
    }

    @Test
    void voiceConversionDecodesTheSourceTokensInTheEnrolledVoice() {
        SpeakerConditioning conditioning = engine.enroll(List.of(new PcmAudio(reference(24_000 * 3), 24_000)));
        VoicePrompt voice = VoicePrompt.fromBytes(conditioning.data());
        float[] source = new float[24_000 * 12];
        for (int i = 0; i < source.length; i++) {
            source[i] = (float) (0.6 * Math.sin(i * 0.003) * Math.cos(i * 0.0001));
        }
        PcmAudio converted = engine.convert(conditioning, new PcmAudio(source, 24_000), VoiceSettings.defaults());
        long[] sourceTokens = LongStream.concat(
                Arrays.stream(StandInModels.expectedAudioTokens(Arrays.copyOf(source, 240_000))),
                Arrays.stream(StandInModels.expectedAudioTokens(Arrays.copyOfRange(source, 240_000, source.length)))).toArray();
        assertEquals(300, sourceTokens.length);
        assertArrayEquals(expectedSpeech(voice, sourceTokens), converted.samples(), 1e-5f);
    }

    @Test
    void generationEndsAtTheLengthLimitWhenNoStopComes(@TempDir Path other) throws Exception {
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(1_000_000));
        ChatterboxConfig config = ChatterboxConfig.of(other).withProvider("cpu")
                .withDecoding(DecodingOptions.defaults().withMaxNewTokens(30));
        try (ChatterboxEngine limited = new ChatterboxEngine(config)) {
            SpeakerConditioning conditioning = limited.enroll(List.of(new PcmAudio(reference(24_000), 24_000)));
            PcmAudio speech = limited.synthesizeAll(conditioning, TEXT, VoiceSettings.defaults());
            assertEquals(30 * 960, speech.samples().length);
        }
    }

    @Test
    void longTextIsSpokenPieceByPieceInOneStream(@TempDir Path other) throws Exception {
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(1_000_000));
        ChatterboxConfig config = ChatterboxConfig.of(other).withProvider("cpu").withDecoding(DecodingOptions.defaults().withMaxNewTokens(10));
        String sentence = "This is a sentence that the tests will speak. ";
        String text = sentence.repeat(9).strip();
        try (ChatterboxEngine limited = new ChatterboxEngine(config);
             TextFrontEnd frontEnd = new TextFrontEnd(
                     other.resolve("tokenizer.json"), other.resolve(".cache"))) {
            SpeakerConditioning conditioning = limited.enroll(List.of(new PcmAudio(reference(24_000), 24_000)));
            List<AudioChunk> chunks = new ArrayList<>();
            limited.synthesize(conditioning, text, VoiceSettings.defaults(), chunks::add);

            List<String> pieces = TextPieces.split(text, 250);
            assertEquals(2, pieces.size());
            LongStream expected = LongStream.empty();
            for (String piece : pieces) {
                int prompt = 33 + frontEnd.encode(PunctuationNormalizer.normalize(piece)).length;
                expected = LongStream.concat(expected, LongStream.range(0, 10).map(i -> (prompt + i) * 7 % 6561));
            }
            float[] joined = chunks.stream().map(AudioChunk::audio).reduce(PcmAudio::append).orElseThrow().samples();
            assertArrayEquals(expectedSpeech(VoicePrompt.fromBytes(conditioning.data()), expected.toArray()), joined, 1e-5f);
            assertEquals(1, chunks.stream().filter(AudioChunk::last).count());
        }
    }

    @Test
    void halfPrecisionCacheVariantRunsWithZeroLengthFloat16Pasts(@TempDir Path other) throws Exception {
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(PROMPT + GENERATED).withFp16Cache());
        try (ChatterboxEngine fp16 = new ChatterboxEngine(ChatterboxConfig.of(other).withProvider("cpu").withPrecision(ModelPrecision.FP16))) {
            SpeakerConditioning conditioning = fp16.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)));
            PcmAudio speech = fp16.synthesizeAll(conditioning, TEXT, VoiceSettings.defaults());
            assertArrayEquals(expectedSpeech(VoicePrompt.fromBytes(conditioning.data()), scriptedTokens(GENERATED)), speech.samples(), 1e-5f);
        }
    }

    @Test
    void aDecoderGraphChosenByNameIsTheOneLoaded(@TempDir Path other) throws Exception {
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(PROMPT + GENERATED));
        StandInModels.writeDecoder(other, "conditional_decoder_n6");
        Files.delete(other.resolve("onnx/conditional_decoder.onnx"));
        Files.delete(other.resolve("onnx/conditional_decoder.onnx_data"));
        ChatterboxConfig config = ChatterboxConfig.of(other).withProvider("cpu").withDecoder("conditional_decoder_n6");
        try (ChatterboxEngine n6 = new ChatterboxEngine(config)) {
            assertTrue(n6.describe().model().contains("decoder conditional_decoder_n6"), n6.describe().model());
            SpeakerConditioning conditioning = n6.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)));
            PcmAudio speech = n6.synthesizeAll(conditioning, TEXT, VoiceSettings.defaults());
            assertArrayEquals(expectedSpeech(VoicePrompt.fromBytes(conditioning.data()), scriptedTokens(GENERATED)), speech.samples(), 1e-5f);
        }
        EngineException missing = assertThrows(EngineException.class, () -> new ChatterboxEngine(config.withDecoder("conditional_decoder_n4")));
        assertTrue(missing.getMessage().contains("onnx/conditional_decoder_n4.onnx"), missing.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> config.withDecoder("../conditional_decoder"));
        assertTrue(outside.getMessage().contains("voxclone.model.decoder"), outside.getMessage());
    }

    @Test
    void fallsBackToTheCpuWhenTheGpuProviderCannotStart() {
        try (ChatterboxEngine fallback = new ChatterboxEngine(ChatterboxConfig.of(dir.resolve("model")).withProvider("cuda"))) {
            assertEquals("CPU", fallback.describe().executionProvider());
        }
    }

    @Test
    void refusesToStartWithAMessageNamingMissingFiles(@TempDir Path other) throws Exception {
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(60));
        Files.delete(other.resolve("onnx/conditional_decoder.onnx_data"));
        EngineException e = assertThrows(EngineException.class, () -> new ChatterboxEngine(ChatterboxConfig.of(other)));
        assertTrue(e.getMessage().contains("onnx/conditional_decoder.onnx_data"), e.getMessage());
        assertTrue(e.getMessage().contains("./voxclone models fetch"), e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void refusesToStartWhenAGraphIsCorrupt(@TempDir Path other) throws Exception {
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(60));
        Files.write(other.resolve("onnx/embed_tokens.onnx"), new byte[] {1, 2, 3, 4});
        EngineException e = assertThrows(EngineException.class, () -> new ChatterboxEngine(ChatterboxConfig.of(other).withProvider("cpu")));
        assertTrue(e.getMessage().contains("onnx/embed_tokens.onnx (token embeddings): unusable: it is not an ONNX graph"), e.getMessage());
    }

    @Test
    void aGraphOfAnotherKindIsNamedWithWhatItLacks(@TempDir Path other) throws Exception {
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(60));
        // A speech encoder where the decoder belongs (its weights file is the encoder's): it loads, but takes and gives
        // other tensors.
        Files.copy(other.resolve("onnx/speech_encoder.onnx"), other.resolve("onnx/conditional_decoder.onnx"),
                StandardCopyOption.REPLACE_EXISTING);
        EngineException e = assertThrows(EngineException.class, () -> new ChatterboxEngine(ChatterboxConfig.of(other).withProvider("cpu")));
        String message = e.getMessage();
        assertTrue(message.contains("onnx/conditional_decoder.onnx: lacks the inputs speaker_embeddings, speaker_features, "
                + "speech_tokens; takes the input audio_values, which this engine does not give; lacks the output waveform"), message);
        assertTrue(message.contains("Read as chatterbox:"), message);
    }

    @Test
    void graphsWithTheirWeightsEmbeddedLoadAndSpeakTheSame(@TempDir Path other) throws Exception {
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(PROMPT + GENERATED), StandInModels.EMBEDDED);
        try (ChatterboxEngine embedded = new ChatterboxEngine(ChatterboxConfig.of(other).withProvider("cpu"))) {
            SpeakerConditioning conditioning = embedded.enroll(List.of(new PcmAudio(reference(24_000 * 2), 24_000)));
            PcmAudio speech = embedded.synthesizeAll(conditioning, TEXT, VoiceSettings.defaults());
            assertArrayEquals(expectedSpeech(VoicePrompt.fromBytes(conditioning.data()), scriptedTokens(GENERATED)), speech.samples(), 1e-5f);
        }
    }
}
