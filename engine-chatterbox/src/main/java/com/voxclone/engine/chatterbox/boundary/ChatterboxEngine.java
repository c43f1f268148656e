package com.voxclone.engine.chatterbox.boundary;

import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.boundary.VoiceEngine;
import com.voxclone.engine.chatterbox.control.ComputeSlots;
import com.voxclone.engine.chatterbox.control.DecoderBatcher;
import com.voxclone.engine.chatterbox.control.DeviceGate;
import com.voxclone.engine.chatterbox.control.ModelDirectoryCheck;
import com.voxclone.engine.chatterbox.control.MultilingualText;
import com.voxclone.engine.chatterbox.control.OnnxModels;
import com.voxclone.engine.chatterbox.control.SpeakerEncoder;
import com.voxclone.engine.chatterbox.control.SpeechDecoder;
import com.voxclone.engine.chatterbox.control.SpeechTokenGenerator;
import com.voxclone.engine.chatterbox.control.TempoAdjustedStream;
import com.voxclone.engine.chatterbox.control.TextFrontEnd;
import com.voxclone.engine.chatterbox.control.TokenSampler;
import com.voxclone.engine.chatterbox.control.WaveformStitcher;
import com.voxclone.engine.chatterbox.entity.BatchingOptions;
import com.voxclone.engine.chatterbox.entity.BatchingReport;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.DecoderBatchingReport;
import com.voxclone.engine.chatterbox.entity.DecodingOptions;
import com.voxclone.engine.chatterbox.entity.ModelCheck;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.ModelFile;
import com.voxclone.engine.chatterbox.entity.SamplingRules;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.entity.EngineDescriptor;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.voice.entity.TextPieces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Chatterbox (Resemble AI, S3Gen) on ONNX Runtime: zero-shot voice cloning from a short reference, with the original
 * English model or Chatterbox Turbo, whichever the model directory's graphs are. Loads the model once, refuses to
 * start with a message naming every missing file or misfitting graph, and shares the loaded graphs between jobs, at
 * most {@link ChatterboxConfig#concurrentJobs()} at a time on the device.
 *
 * <p>The model has no rate control, so {@link VoiceSettings#speed()} changes the tempo of the generated audio while
 * keeping its pitch ({@link TempoAdjustedStream}); voice conversion uses no settings.
 */
public class ChatterboxEngine implements VoiceEngine, AutoCloseable {

    public static final String ID = "chatterbox";
    public static final String QUALITY_TIER = "high";
    /** Voice conversion decodes the source in pieces of this many tokens (10 s). */
    private static final int CONVERSION_CHUNK_TOKENS = 250;
    /** Without streaming, the decoder takes up to this many new tokens (20 s) per call, bounding its memory. */
    private static final int WHOLE_CLIP_DECODE_TOKENS = 500;
    /** Upstream Turbo appends three of its silence token ({@code S3GEN_SIL}) to every utterance before decoding. */
    static final long TURBO_SILENCE_TOKEN = 4299;
    static final int TURBO_TRAILING_SILENCE = 3;

    private final ChatterboxConfig config;
    private final OnnxModels models;
    private final ModelFamily family;
    private final String modelId;
    private final TextFrontEnd frontEnd;
    private final DeviceGate gate;
    private final SpeakerEncoder encoder;
    private final ComputeSlots slots;
    private final SpeechTokenGenerator generator;
    private final SpeechDecoder decoder;
    private final DecoderBatcher decoderCalls;
    private final String device;

    public ChatterboxEngine(ChatterboxConfig config) {
        this.config = config;
        ModelCheck check = ModelDirectoryCheck.check(config.modelDir(), config.variant(), config.verifyChecksums());
        if (!check.ok()) {
            throw new EngineException(check.message(), false);
        }
        this.models = OnnxModels.load(config);
        Path tokenizer = config.modelDir().resolve(ModelFile.TOKENIZER);
        try {
            this.family = models.family() == ModelFamily.ORIGINAL && MultilingualText.hasLanguageTokens(tokenizer)
                    ? ModelFamily.MULTILINGUAL : models.family();
            this.frontEnd = new TextFrontEnd(tokenizer, config.tokenizerCacheDir(), family);
        } catch (IOException | RuntimeException e) {
            models.close();
            throw new EngineException("The Chatterbox tokenizer (" + tokenizer + ") could not be read: " + e.getMessage(), false, e);
        }
        this.modelId = family.modelId(config.modelId());
        this.device = models.provider().equals("CPU")
                ? "cpu (" + Runtime.getRuntime().availableProcessors() + " cores)"
                : models.provider() + " device " + config.deviceId();
        this.gate = new DeviceGate(config.concurrentJobs(), config.permitWait(), device);
        this.encoder = new SpeakerEncoder(models, modelId);
        // Batching needs several requests on the device at once; with one at a time each steps alone.
        boolean batching = config.concurrentJobs() > 1 && config.batching().enabled();
        this.slots = batching ? new ComputeSlots(config.batching().concurrentCalls()) : ComputeSlots.unbounded();
        this.generator = new SpeechTokenGenerator(models, batching ? config.batching() : BatchingOptions.off(), slots);
        this.decoder = new SpeechDecoder(models, config.decoding().decoderPromptTokens());
        this.decoderCalls = new DecoderBatcher(decoder::decode, slots, batching ? config.batching().decoderBatch() : 1);
    }

    /** What continuous batching of the language model has done so far ({@link BatchingReport#NONE} when off). */
    public BatchingReport batchingReport() {
        return generator.batchingReport();
    }

    /** What batching of decoder calls has done so far ({@link DecoderBatchingReport#NONE} when off). */
    public DecoderBatchingReport decoderBatchingReport() {
        return decoderCalls.report();
    }

    /** Which Chatterbox model the engine runs (told by its graphs). */
    public ModelFamily family() {
        return family;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EngineDescriptor describe() {
        return new EngineDescriptor(ID, family.id(), QUALITY_TIER, modelId + " (" + config.variant().label() + ")",
                models.provider(), device);
    }

    @Override
    public SpeakerConditioning enroll(List<PcmAudio> references) {
        float[] audio = joined(references);
        if (audio.length < SpeakerEncoder.MIN_SAMPLES) {
            throw new EngineException("The reference recording is too short (" + audio.length * 1000L / PcmAudio.MODEL_RATE
                    + " ms); give at least 1 s of clear speech, ideally about 10 s", false);
        }
        VoicePrompt prompt = gate.run("voice enrolment", () -> encoder.encode(audio));
        return new SpeakerConditioning(ID, family.id(), VoicePrompt.formatName(modelId), prompt.toBytes());
    }

    @Override
    public void synthesize(SpeakerConditioning conditioning, String text, VoiceSettings settings, Consumer<AudioChunk> sink) {
        speak(conditioning, text, settings, sink, true);
    }

    /** Without a listener waiting, the decoder runs once per 20 s of speech instead of once per streamed chunk. */
    @Override
    public PcmAudio synthesizeAll(SpeakerConditioning conditioning, String text, VoiceSettings settings) {
        List<PcmAudio> parts = new ArrayList<>();
        speak(conditioning, text, settings, chunk -> parts.add(chunk.audio()), false);
        return PcmAudio.concat(parts, PcmAudio.MODEL_RATE);
    }

    void speak(SpeakerConditioning conditioning, String text, VoiceSettings settings, Consumer<AudioChunk> sink, boolean streaming) {
        VoicePrompt voice = read(conditioning);
        if (text == null || text.isBlank()) {
            throw EngineException.refusedInput("There is no text to speak; enter at least one word", null);
        }
        // Long text is spoken piece by piece; one stitcher carries the stream across pieces without a seam.
        List<String> pieces = new ArrayList<>();
        List<long[]> pieceIds = new ArrayList<>();
        for (String piece : TextPieces.split(text, TextPieces.DEFAULT_MAX_CHARS)) {
            try {
                String normalized = frontEnd.normalize(piece, settings.spokenLanguage());
                pieceIds.add(frontEnd.encode(normalized));
                pieces.add(normalized);
            } catch (IllegalArgumentException e) {
                throw EngineException.refusedInput(e.getMessage(), e);
            }
        }
        DecodingOptions decoding = config.decoding();
        TokenSampler sampler = new TokenSampler(rules(settings), settings.seed() != null ? settings.seed() : ThreadLocalRandom.current().nextLong());
        WaveformStitcher.Decoder decode = decoderFor(voice);
        Consumer<AudioChunk> paced = TempoAdjustedStream.of(sink, settings.speed());
        gate.run("speech synthesis", () -> {
            WaveformStitcher stitcher = streaming
                    ? WaveformStitcher.streaming(decode, paced, settings.chunkSize(), decoding.maxChunkTokens(), decoding.chunkGrowth(),
                            decoding.contextTokens())
                    : WaveformStitcher.fixed(decode, paced, WHOLE_CLIP_DECODE_TOKENS, decoding.contextTokens());
            for (int i = 0; i < pieces.size(); i++) {
                int maxNew = SpeechTokenGenerator.maxNewTokens(pieces.get(i), decoding.maxNewTokens());
                generator.generate(pieceIds.get(i), voice, (float) settings.exaggeration(), sampler, maxNew, stitcher::accept);
                if (family == ModelFamily.TURBO) {
                    // Turbo's utterances end on silence tokens, as upstream decodes them, so the last word is not cut.
                    for (int s = 0; s < TURBO_TRAILING_SILENCE; s++) {
                        stitcher.accept(TURBO_SILENCE_TOKEN);
                    }
                }
            }
            stitcher.finish();
            return null;
        });
    }

    /**
     * The per-request sampling rules: guidance and temperature from the voice settings. Turbo has no guidance and no
     * min_p (upstream ignores both for it).
     */
    SamplingRules rules(VoiceSettings settings) {
        DecodingOptions d = config.decoding();
        return family.guidance()
                ? new SamplingRules(settings.cfgWeight(), d.repetitionPenalty(), settings.temperature(), d.minP(), d.topP(), d.greedy())
                : new SamplingRules(0, d.repetitionPenalty(), settings.temperature(), 0, d.topP(), d.greedy());
    }

    @Override
    public PcmAudio convert(SpeakerConditioning conditioning, PcmAudio source, VoiceSettings settings) {
        VoicePrompt voice = read(conditioning);
        float[] audio = joined(List.of(source));
        if (audio.length < WaveformStitcher.SAMPLES_PER_TOKEN) {
            throw new EngineException("The recording to convert is too short; give at least 40 ms of speech", false);
        }
        List<PcmAudio> parts = new ArrayList<>();
        gate.run("voice conversion", () -> {
            // The encoder only tokenises the first 10 s of what it is given, so the source goes in 10 s pieces.
            int piece = SpeakerEncoder.TOKEN_SECONDS * SpeakerEncoder.SAMPLE_RATE;
            WaveformStitcher stitcher = WaveformStitcher.fixed(decoderFor(voice), chunk -> parts.add(chunk.audio()),
                    CONVERSION_CHUNK_TOKENS, config.decoding().contextTokens());
            for (int from = 0; from < audio.length; from += piece) {
                float[] part = Arrays.copyOfRange(audio, from, Math.min(audio.length, from + piece));
                if (part.length >= WaveformStitcher.SAMPLES_PER_TOKEN) {
                    for (long token : encoder.speechTokens(part)) {
                        stitcher.accept(token);
                    }
                }
            }
            stitcher.finish();
            return null;
        });
        return PcmAudio.concat(parts, PcmAudio.MODEL_RATE);
    }

    /** The voice's decoder calls, shared with other requests' calls of the same shape when batching is on. */
    private WaveformStitcher.Decoder decoderFor(VoicePrompt voice) {
        return tokens -> decoderCalls.decode(decoder.input(voice, tokens));
    }

    /** Only a prompt made by this very model release: another's is enrolled again from the voice's references. */
    @Override
    public boolean canUse(SpeakerConditioning conditioning) {
        return conditioning.readableBy(ID, VoicePrompt.formatName(modelId));
    }

    private VoicePrompt read(SpeakerConditioning conditioning) {
        String expected = VoicePrompt.formatName(modelId);
        if (!canUse(conditioning)) {
            throw new EngineException("This voice was enrolled with " + conditioning.engine() + " (" + conditioning.version()
                    + "), not with " + expected + "; enrol the voice again", false);
        }
        VoicePrompt voice;
        try {
            voice = VoicePrompt.fromBytes(conditioning.data());
        } catch (IllegalArgumentException e) {
            throw new EngineException("The stored voice cannot be used: " + e.getMessage(), false, e);
        }
        if (voice.hidden() != models.shape().hidden()) {
            throw new EngineException("The stored voice was made for a model of width " + voice.hidden() + ", the loaded model has "
                    + models.shape().hidden() + "; enrol the voice again", false);
        }
        return voice;
    }

    private static float[] joined(List<PcmAudio> references) {
        if (references == null || references.isEmpty()) {
            throw new EngineException("No reference recording was given", false);
        }
        for (PcmAudio r : references) {
            if (r.sampleRate() != PcmAudio.MODEL_RATE) {
                throw new EngineException("Chatterbox needs audio at " + PcmAudio.MODEL_RATE + " Hz, got " + r.sampleRate() + " Hz", false);
            }
        }
        return PcmAudio.concat(references, PcmAudio.MODEL_RATE).samples();
    }

    @Override
    public void close() {
        generator.close();
        models.close();
        frontEnd.close();
    }
}
