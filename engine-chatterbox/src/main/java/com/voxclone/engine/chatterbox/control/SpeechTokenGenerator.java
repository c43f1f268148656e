package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.voxclone.engine.chatterbox.entity.BatchingOptions;
import com.voxclone.engine.chatterbox.entity.BatchingReport;
import com.voxclone.engine.chatterbox.entity.LanguageModelShape;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The language-model loop: embeds the voice prefix and the text, then generates speech tokens one by one with a
 * key/value cache, until the stop token or the length limit. With guidance on, a second batch row sees the voice
 * but not the text, and the sampler steers away from it. The cache stays in ONNX Runtime: each step's presents go
 * straight back in as the next step's pasts.
 *
 * <p>The first run over the prefix (the prefill) is the request's own, on the caller's thread. The steps after it run
 * in a {@link DecodeBatch}: of this request alone, or, with batching on, the {@link LanguageModelBatcher}'s, shared
 * with every other request generating at the time. Either way the same code samples the same tokens for a seed.
 *
 * <p>Chatterbox Turbo's graphs differ: its token embeddings take the ids alone (no positions, no exaggeration), its
 * language model (GPT-2) takes position ids counted over the whole sequence, voice prefix included, and it has no
 * guidance.
 */
public final class SpeechTokenGenerator implements AutoCloseable {

    public static final int START_SPEECH = 6561;
    public static final int STOP_SPEECH = 6562;

    /** Told about each step, for streaming and for observing the cache. */
    public interface Listener {
        /** A speech token to decode (below 6561). */
        void token(int token) throws OrtException;

        /** After each language-model step: how many positions the cache now holds. */
        default void step(int step, long cacheLength) {
        }
    }

    /** Why generation ended. */
    public record Outcome(List<Integer> tokens, boolean stopped) {
    }

    private final OnnxModels models;
    private final OrtEnvironment env = OnnxModels.environment();
    /** Shares language-model steps between requests generating at once; {@code null}: each request steps alone. */
    private final LanguageModelBatcher batcher;

    /** Bounds the prefills running beside the batch. */
    private final ComputeSlots slots;
    /** Voices whose prefix cache is kept: each takes about 0.2 MB per prefix row and batch row (fp32). */
    static final int CACHED_VOICES = 4;
    private final VoicePrefixCache voices = new VoicePrefixCache(CACHED_VOICES);

    public SpeechTokenGenerator(OnnxModels models) {
        this(models, BatchingOptions.off(), ComputeSlots.unbounded());
    }

    public SpeechTokenGenerator(OnnxModels models, BatchingOptions batching, ComputeSlots slots) {
        this.models = models;
        this.batcher = batching.enabled() ? new LanguageModelBatcher(models, batching) : null;
        this.slots = slots;
    }

    /** Rough token budget for a text: about 2.4 tokens per character plus slack, as the reference ports size it. */
    public static int maxNewTokens(String normalizedText, int cap) {
        int estimate = (int) Math.ceil((normalizedText.length() * 2.4 + 20) * 1.25);
        return Math.min(cap, Math.max(96, Math.min(1024, estimate)));
    }

    public Outcome generate(long[] textIds, VoicePrompt voice, float exaggeration, TokenSampler sampler, int maxNewTokens,
                            Listener listener) throws OrtException {
        LanguageModelShape shape = models.shape();
        if (voice.hidden() != shape.hidden()) {
            throw new IllegalArgumentException("The voice was enrolled for a model with width " + voice.hidden()
                    + " but the loaded language model has width " + shape.hidden() + "; enrol the voice again");
        }
        int batch = models.family() != ModelFamily.TURBO && sampler.rules().cfgWeight() > 0 ? 2 : 1;
        if (batcher != null) {
            // Room in the batch first, so that no prefilled cache waits in memory for it.
            BatchAdmission.Ticket ticket = batcher.enter(batch, voice.featureRows() + textIds.length + maxNewTokens + 1L);
            try {
                LanguageModelBatcher.Relay relay = new LanguageModelBatcher.Relay();
                GenerationSequence sequence = new GenerationSequence(batch, exaggeration, sampler, maxNewTokens, relay);
                OrtSession.Result prefill = slots.run(() -> prefill(sequence, textIds, voice));
                return batcher.finish(sequence, prefill, relay, listener);
            } finally {
                batcher.leave(ticket);
            }
        }
        GenerationSequence sequence = new GenerationSequence(batch, exaggeration, sampler, maxNewTokens, listener);
        OrtSession.Result prefill = prefill(sequence, textIds, voice);
        try (DecodeBatch alone = new DecodeBatch(models)) {
            alone.join(sequence, prefill);
            alone.settle();
            while (!sequence.ended()) {
                alone.step();
            }
            return sequence.outcome();
        }
    }

    /**
     * The first language-model run, over the voice prefix and the text, for this request alone; samples its first
     * token. The result holds the request's cache for the steps that follow. The voice's part of the cache comes from
     * {@link VoicePrefixCache} when a recent request of the same voice made it, so only the text is run then.
     */
    OrtSession.Result prefill(GenerationSequence sequence, long[] textIds, VoicePrompt voice) throws OrtException {
        int hidden = models.shape().hidden();
        int batch = sequence.rows;
        int voiceRows = voice.featureRows();
        int total = voiceRows + textIds.length;
        float[] embeds = prefix(voice, embedText(textIds, sequence.exaggeration), textIds.length, hidden, batch);
        VoicePrefixCache.Prefix voicePart = voices.acquire(voice.audioFeatures(), batch,
                () -> runLanguageModel(rows(embeds, batch, total, 0, voiceRows, hidden), batch, 0, voiceRows, null));
        OrtSession.Result result;
        try {
            result = runLanguageModel(rows(embeds, batch, total, voiceRows, total, hidden), batch, voiceRows, textIds.length, voicePart);
        } finally {
            voices.release(voicePart);
        }
        try {
            float[][] logits = lastLogits((OnnxTensor) result.get("logits").orElseThrow(), batch);
            sequence.accept(total, logits[0], batch == 2 ? logits[1] : null);
            return result;
        } catch (OrtException | RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /** Rows {@code from .. to - 1} of each batch row of {@code [batch, length, hidden]} embeddings. */
    private static float[] rows(float[] embeds, int batch, int length, int from, int to, int hidden) {
        float[] part = new float[batch * (to - from) * hidden];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(embeds, (b * length + from) * hidden, part, b * (to - from) * hidden, (to - from) * hidden);
        }
        return part;
    }

    /**
     * One language-model run over {@code length} new positions starting at position {@code from}, after the cache in
     * {@code past} (none: an empty cache).
     */
    private OrtSession.Result runLanguageModel(float[] embeds, int batch, int from, int length, VoicePrefixCache.Prefix past) throws OrtException {
        LanguageModelShape shape = models.shape();
        try (OnnxTensor emptyCache = past == null ? emptyCache(batch, shape) : null;
             OnnxTensor embedTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds), new long[] {batch, length, shape.hidden()});
             OnnxTensor mask = ones(batch, from + length);
             OnnxTensor positions = models.family() == ModelFamily.TURBO ? positions(from, length) : null) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("inputs_embeds", embedTensor);
            inputs.put("attention_mask", mask);
            if (positions != null) {
                inputs.put("position_ids", positions);
            }
            for (int layer = 0; layer < shape.layers(); layer++) {
                inputs.put(LanguageModelShape.pastKey(layer), past == null ? emptyCache : past.key(layer));
                inputs.put(LanguageModelShape.pastValue(layer), past == null ? emptyCache : past.value(layer));
            }
            return models.languageModel().run(inputs);
        }
    }

    float[] embedText(long[] ids, float exaggeration) throws OrtException {
        long[] shape = {1, ids.length};
        if (models.family() == ModelFamily.TURBO) {
            try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                 OrtSession.Result result = models.embedTokens().run(Map.of("input_ids", idTensor))) {
                return SpeakerEncoder.floats((OnnxTensor) result.get("inputs_embeds").orElseThrow());
            }
        }
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor positions = OnnxTensor.createTensor(env, LongBuffer.wrap(TextFrontEnd.positions(ids)), shape);
             OnnxTensor exag = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {exaggeration}), new long[] {1});
             OrtSession.Result result = models.embedTokens().run(Map.of("input_ids", idTensor, "position_ids", positions, "exaggeration", exag))) {
            return SpeakerEncoder.floats((OnnxTensor) result.get("inputs_embeds").orElseThrow());
        }
    }

    /** Position ids {@code from .. from + length - 1} for one batch row (Turbo has no guidance row). */
    private OnnxTensor positions(int from, int length) throws OrtException {
        long[] ids = new long[length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = from + i;
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length});
    }

    /**
     * Row 0: voice features then text embeddings. Row 1 (guidance): the same with the text span, from the start-of-text
     * token to the end-of-text token, zeroed. Upstream zeroes only the token part and keeps positions; the exported
     * graph adds both in one table lookup, so the whole span is zeroed as the other ports do.
     */
    static float[] prefix(VoicePrompt voice, float[] textEmbeds, int textLength, int hidden, int batch) {
        int rows = voice.featureRows() + textLength;
        float[] prefix = new float[batch * rows * hidden];
        for (int b = 0; b < batch; b++) {
            int base = b * rows * hidden;
            System.arraycopy(voice.audioFeatures(), 0, prefix, base, voice.audioFeatures().length);
            System.arraycopy(textEmbeds, 0, prefix, base + voice.audioFeatures().length, textLength * hidden);
        }
        if (batch == 2) {
            int from = rows * hidden + (voice.featureRows() + 1) * hidden;
            int to = rows * hidden + (voice.featureRows() + textLength - 2) * hidden;
            Arrays.fill(prefix, from, to, 0f);
        }
        return prefix;
    }

    /** Zero-length pasts for the first step; only the buffer overloads accept a zero dimension. */
    private OnnxTensor emptyCache(int batch, LanguageModelShape shape) throws OrtException {
        long[] dims = {batch, shape.heads(), 0, shape.headDim()};
        return shape.halfCache()
                ? OnnxTensor.createTensor(env, ShortBuffer.allocate(0), dims, OnnxJavaType.FLOAT16)
                : OnnxTensor.createTensor(env, FloatBuffer.allocate(0), dims);
    }

    private OnnxTensor ones(int batch, int length) throws OrtException {
        long[] ones = new long[batch * length];
        Arrays.fill(ones, 1L);
        return OnnxTensor.createTensor(env, LongBuffer.wrap(ones), new long[] {batch, length});
    }

    /** {@code logits[b, -1, :]} for each batch row. */
    static float[][] lastLogits(OnnxTensor logits, int batch) {
        long[] dims = logits.getInfo().getShape();
        int sequence = (int) dims[1];
        int vocab = (int) dims[2];
        FloatBuffer all = logits.getFloatBuffer();
        float[][] rows = new float[batch][vocab];
        for (int b = 0; b < batch; b++) {
            all.position(((b * sequence) + sequence - 1) * vocab);
            all.get(rows[b]);
        }
        return rows;
    }

    /** What continuous batching has done; {@link BatchingReport#NONE} when it is off. */
    public BatchingReport batchingReport() {
        return batcher == null ? BatchingReport.NONE : batcher.report();
    }

    @Override
    public void close() {
        if (batcher != null) {
            batcher.close();
        }
        voices.close();
    }
}
