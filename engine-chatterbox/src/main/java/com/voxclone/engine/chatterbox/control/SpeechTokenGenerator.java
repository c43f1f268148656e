package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.voxclone.engine.chatterbox.entity.LanguageModelShape;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The language-model loop: embeds the voice prefix and the text, then generates speech tokens one by one with a
 * key/value cache, until the stop token or the length limit. With guidance on, a second batch row sees the voice
 * but not the text, and the sampler steers away from it. The cache stays in ONNX Runtime: each step's presents go
 * straight back in as the next step's pasts.
 *
 * <p>Chatterbox Turbo's graphs differ: its token embeddings take the ids alone (no positions, no exaggeration), its
 * language model (GPT-2) takes position ids counted over the whole sequence, voice prefix included, and it has no
 * guidance.
 */
public final class SpeechTokenGenerator {

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

    public SpeechTokenGenerator(OnnxModels models) {
        this.models = models;
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
        boolean turbo = models.family() == ModelFamily.TURBO;
        int batch = !turbo && sampler.rules().cfgWeight() > 0 ? 2 : 1;
        float[] textEmbeds = embedText(textIds, exaggeration);
        float[] prefix = prefix(voice, textEmbeds, textIds.length, shape.hidden(), batch);
        int total = voice.featureRows() + textIds.length;

        Set<Integer> seen = new LinkedHashSet<>(List.of(START_SPEECH));
        List<Integer> speech = new ArrayList<>();
        OnnxTensor emptyCache = emptyCache(batch, shape);
        AutoCloseable embedOwner = OnnxTensor.createTensor(env, FloatBuffer.wrap(prefix), new long[] {batch, total, shape.hidden()});
        OnnxTensor embeds = (OnnxTensor) embedOwner;
        OrtSession.Result previous = null;
        try {
            for (int step = 0; step < maxNewTokens; step++) {
                OrtSession.Result current;
                try (OnnxTensor mask = ones(batch, total);
                     OnnxTensor positions = turbo ? positions(step == 0 ? 0 : total - 1, total) : null) {
                    Map<String, OnnxTensor> inputs = new HashMap<>();
                    inputs.put("inputs_embeds", embeds);
                    inputs.put("attention_mask", mask);
                    if (positions != null) {
                        inputs.put("position_ids", positions);
                    }
                    for (int layer = 0; layer < shape.layers(); layer++) {
                        inputs.put(LanguageModelShape.pastKey(layer), previous == null ? emptyCache
                                : (OnnxTensor) previous.get(LanguageModelShape.presentKey(layer)).orElseThrow());
                        inputs.put(LanguageModelShape.pastValue(layer), previous == null ? emptyCache
                                : (OnnxTensor) previous.get(LanguageModelShape.presentValue(layer)).orElseThrow());
                    }
                    current = models.languageModel().run(inputs);
                }
                if (previous != null) {
                    previous.close();
                }
                previous = current;
                closeQuietly(embedOwner);
                embedOwner = null;
                listener.step(step, cacheLength(current));

                float[][] logits = lastLogits((OnnxTensor) current.get("logits").orElseThrow(), batch);
                int token = sampler.next(logits[0], batch == 2 ? logits[1] : null, seen);
                seen.add(token);
                if (token == STOP_SPEECH) {
                    return new Outcome(speech, true);
                }
                // Tokens at or above 6561 are not speech: they are dropped from the output but still fed back.
                if (token < START_SPEECH) {
                    speech.add(token);
                    listener.token(token);
                }
                OrtSession.Result next = embedStep(token, step + 1, exaggeration, batch);
                embedOwner = next;
                embeds = (OnnxTensor) next.get("inputs_embeds").orElseThrow();
                total++;
            }
            return new Outcome(speech, false);
        } finally {
            closeQuietly(embedOwner);
            closeQuietly(previous);
            emptyCache.close();
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

    /** Position ids {@code from .. to - 1} for one batch row (Turbo has no guidance row). */
    private OnnxTensor positions(int from, int to) throws OrtException {
        long[] ids = new long[to - from];
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

    private OrtSession.Result embedStep(int token, int position, float exaggeration, int batch) throws OrtException {
        long[] ids = new long[batch];
        long[] positions = new long[batch];
        float[] exag = new float[batch];
        Arrays.fill(ids, token);
        Arrays.fill(positions, position);
        Arrays.fill(exag, exaggeration);
        long[] shape = {batch, 1};
        if (models.family() == ModelFamily.TURBO) {
            try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape)) {
                return models.embedTokens().run(Map.of("input_ids", idTensor));
            }
        }
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor posTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(positions), shape);
             OnnxTensor exTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(exag), new long[] {batch})) {
            return models.embedTokens().run(Map.of("input_ids", idTensor, "position_ids", posTensor, "exaggeration", exTensor));
        }
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

    private static long cacheLength(OrtSession.Result result) throws OrtException {
        long[] dims = ((TensorInfo) result.get(LanguageModelShape.presentKey(0)).orElseThrow().getInfo()).getShape();
        return dims[2];
    }

    /** {@code logits[b, -1, :]} for each batch row. */
    private static float[][] lastLogits(OnnxTensor logits, int batch) {
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

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing an ONNX Runtime value failed", e);
        }
    }
}
