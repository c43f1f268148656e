package com.voxclone.engine.chatterbox.testmodels;

import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.FLOAT;
import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.INT64;

import com.voxclone.engine.chatterbox.entity.ModelFile;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Full-size stand-ins with random weights for benchmarks: the real signatures and roughly the real compute.
 *
 * <ul>
 * <li>language model: Llama-style, D 1024, 30 layers, 16 heads of 64, MLP 4096, vocabulary 8194 (about 520 M
 *     parameters, 2 GB fp32 in {@code language_model.onnx_data}); RMSNorm, attention over the KV cache, SiLU MLP.
 *     Rotary embeddings and the causal mask are left out (small share of the work). Logits of the stop token and of
 *     non-speech tokens are pushed down so every run generates exactly the requested number of tokens. The q4 variant
 *     ({@code language_model_q4.onnx}) replaces every weight matrix, the output head included, by ONNX Runtime's
 *     {@code MatMulNBits} (4 bits, blocks of 32, one fp32 scale per block, no zero points; about 330 MB), as 4-bit
 *     exports of such models do.</li>
 * <li>conditional decoder: the token encoder, the flow-matching estimator (10 steps, guidance batch 2) and the HiFT
 *     vocoder at their public sizes, see {@link DecoderTwin}.</li>
 * <li>speech encoder and embeddings: the small stand-in graphs at D 1024 (enrolment is not what is measured).</li>
 * </ul>
 *
 * <p>Chatterbox Turbo's twin ({@link #writeTurbo}): its language model is GPT-2 medium, D 1024, 24 layers, 16 heads of
 * 64, MLP 4096 with GELU, LayerNorm, learned positions (8196) added from {@code position_ids}, a 6563-wide head with
 * bias (about 300 M parameters in the blocks); its decoder the same twin with two flow steps and no guidance row
 * ({@link DecoderTwin#turboGraph}); encoder, embeddings (from ids alone) and tokenizer its small stand-ins.</p>
 */
public final class PerformanceTwin {

    public static final int HIDDEN = 1024;
    public static final int HEADS = 16;
    public static final int HEAD_DIM = 64;
    public static final int LAYERS = 30;
    public static final int MLP = 4096;
    /** GPT-2's learned position table (Turbo's {@code n_positions}). */
    static final int GPT2_POSITIONS = 8196;

    /** The language model's build: the original's Llama-style one, or Turbo's GPT-2 medium. */
    public enum Architecture {
        LLAMA(LAYERS, StandInModels.VOCAB), GPT2_MEDIUM(24, StandInModels.TURBO_VOCAB);

        final int layers;
        final int vocab;

        Architecture(int layers, int vocab) {
            this.layers = layers;
            this.vocab = vocab;
        }
    }
    /** MatMulNBits compute precision: 0 = fp32 after unpacking, 4 = int8 (faster on CPU); a system property for trials. */
    static final long Q4_ACCURACY_LEVEL = Long.getLong("voxclone.twin.q4-accuracy-level", 4);

    private PerformanceTwin() {
    }

    /** 4-bit blocks as written by common ONNX 4-bit quantisers. */
    static final int Q4_BLOCK = 32;

    /** Writes the tokenizer, the fp32 graphs and the language model in each extra precision asked for. */
    public static void write(Path dir, ModelPrecision... extraLanguageModels) throws IOException {
        StandInModels.Spec spec = new StandInModels.Spec(HIDDEN, HEADS, HEAD_DIM, LAYERS, Integer.MAX_VALUE, false, "", -1);
        Path onnx = dir.resolve("onnx");
        StandInModels.writeTokenizer(dir.resolve("tokenizer.json"));
        StandInModels.speechEncoder(spec).save(onnx.resolve("speech_encoder.onnx"), 1024);
        StandInModels.embedTokens(spec).save(onnx.resolve("embed_tokens.onnx"), 1024);
        writeLanguageModel(dir, ModelPrecision.FP32);
        writeDecoder(dir, ModelVariant.DEFAULT_DECODER, DecoderTwin.PUBLISHED_FLOW_STEPS);
        for (ModelPrecision precision : extraLanguageModels) {
            writeLanguageModel(dir, precision);
        }
    }

    /** Writes the decoder twin with {@code flowSteps} flow-matching steps as {@code onnx/<name>.onnx}. */
    public static void writeDecoder(Path dir, String name, int flowSteps) throws IOException {
        DecoderTwin.graph(flowSteps).save(dir.resolve(new ModelVariant(ModelPrecision.FP32, name).decoderGraph()), 1024);
    }

    /**
     * Chatterbox Turbo's twin: its small stand-ins (tokenizer, encoder, embeddings), then the full-size fp32 language
     * model and decoder, and the language model in each extra precision asked for.
     */
    public static void writeTurbo(Path dir, ModelPrecision... extraLanguageModels) throws IOException {
        StandInModels.writeTurboDirectory(dir, new StandInModels.Spec(HIDDEN, HEADS, HEAD_DIM, Architecture.GPT2_MEDIUM.layers,
                Integer.MAX_VALUE, false, "", -1), 1024);
        writeLanguageModel(dir, ModelPrecision.FP32, Architecture.GPT2_MEDIUM);
        DecoderTwin.turboGraph().save(dir.resolve(ModelVariant.of(ModelPrecision.FP32).decoderGraph()), 1024);
        for (ModelPrecision precision : extraLanguageModels) {
            writeLanguageModel(dir, precision, Architecture.GPT2_MEDIUM);
        }
    }

    /** Writes the original model's {@code onnx/language_model<suffix>.onnx}; fp32 and q4 are modelled. */
    public static void writeLanguageModel(Path dir, ModelPrecision precision) throws IOException {
        writeLanguageModel(dir, precision, Architecture.LLAMA);
    }

    /** Writes {@code onnx/language_model<suffix>.onnx} of {@code architecture}; fp32 and q4 are modelled. */
    public static void writeLanguageModel(Path dir, ModelPrecision precision, Architecture architecture) throws IOException {
        Linear linear = switch (precision) {
            case FP32 -> PerformanceTwin::floatLinear;
            case Q4 -> PerformanceTwin::fourBitLinear;
            default -> throw new IllegalArgumentException("the performance twin models fp32 and q4 only, not " + precision.label());
        };
        languageModel(linear, architecture).save(dir.resolve(ModelFile.graph("language_model", precision)), 1024);
    }

    /** {@code x · W} for a {@code in x out} weight matrix, in some precision. */
    @FunctionalInterface
    interface Linear {
        String apply(OnnxWriter g, String x, String name, long seed, float scale, int in, int out);
    }

    private static String floatLinear(OnnxWriter g, String x, String name, long seed, float scale, int in, int out) {
        return g.op("MatMul", x, g.randomFloats(name, seed, scale, in, out));
    }

    /** 4-bit weights: packed nibbles {@code [out, in/32, 16]} and one scale per block; values are scale * (q - 8). */
    private static String fourBitLinear(OnnxWriter g, String x, String name, long seed, float scale, int in, int out) {
        int blocks = in / Q4_BLOCK;
        String packed = g.randomBytes(name + "_q4", seed, out, blocks, Q4_BLOCK / 2);
        String scales = g.randomFloats(name + "_scales", seed + 7919, scale / 8, (long) out * blocks);
        return g.contribOp("MatMulNBits", new String[] {x, packed, scales},
                "K", (long) in, "N", (long) out, "bits", 4L, "block_size", (long) Q4_BLOCK, "accuracy_level", Q4_ACCURACY_LEVEL);
    }

    private static String rmsNorm(OnnxWriter g, String x, String name) {
        String meanSquare = g.op("ReduceMean", g.op("Mul", x, x), "@axes", new long[] {-1}, "@keepdims", 1L);
        String scale = g.op("Sqrt", g.op("Add", meanSquare, g.scalar(1e-5f)));
        float[] ones = new float[HIDDEN];
        Arrays.fill(ones, 1f);
        return g.op("Mul", g.op("Div", x, scale), g.floats(name, ones, HIDDEN));
    }

    /** GPT-2's LayerNorm: zero mean, unit variance, then scale (ones) and shift (zeros). */
    private static String layerNorm(OnnxWriter g, String x, String name) {
        String centred = g.op("Sub", x, g.op("ReduceMean", x, "@axes", new long[] {-1}, "@keepdims", 1L));
        String variance = g.op("ReduceMean", g.op("Mul", centred, centred), "@axes", new long[] {-1}, "@keepdims", 1L);
        float[] ones = new float[HIDDEN];
        Arrays.fill(ones, 1f);
        String scaled = g.op("Mul", g.op("Div", centred, g.op("Sqrt", g.op("Add", variance, g.scalar(1e-5f)))), g.floats(name + "_gain", ones, HIDDEN));
        return g.op("Add", scaled, g.floats(name + "_bias", new float[HIDDEN], HIDDEN));
    }

    /** GELU, {@code x/2 (1 + erf(x/sqrt 2))} (the opset has no Gelu operator). */
    private static String gelu(OnnxWriter g, String x) {
        String erf = g.op("Erf", g.op("Mul", x, g.scalar((float) (1 / Math.sqrt(2)))));
        return g.op("Mul", g.op("Mul", x, g.scalar(0.5f)), g.op("Add", erf, g.scalar(1f)));
    }

    private static String heads(OnnxWriter g, String x) {
        return g.op("Transpose", g.op("Reshape", x, g.longs(0, 0, HEADS, HEAD_DIM)), "@perm", new long[] {0, 2, 1, 3});
    }

    static OnnxWriter languageModel(Linear linear, Architecture architecture) {
        boolean gpt2 = architecture == Architecture.GPT2_MEDIUM;
        int layers = architecture.layers;
        int vocab = architecture.vocab;
        OnnxWriter g = new OnnxWriter();
        g.input("inputs_embeds", FLOAT, "batch_size", "sequence_length", (long) HIDDEN);
        g.input("attention_mask", INT64, "batch_size", "total_sequence_length");
        if (gpt2) {
            g.input("position_ids", INT64, "batch_size", "sequence_length");
        }
        for (int i = 0; i < layers; i++) {
            g.input("past_key_values." + i + ".key", FLOAT, "batch_size", (long) HEADS, "past_sequence_length", (long) HEAD_DIM);
            g.input("past_key_values." + i + ".value", FLOAT, "batch_size", (long) HEADS, "past_sequence_length", (long) HEAD_DIM);
        }
        float attnScale = (float) (1 / Math.sqrt(HIDDEN));
        float mlpScale = (float) (1 / Math.sqrt(MLP));
        // The mask only joins the graph; all positions attend to all (no causal mask, see class comment).
        String maskTerm = g.op("Mul", g.op("Cast", g.op("ReduceSum", "attention_mask", g.longs(1), "@keepdims", 1L),
                "@to", (long) FLOAT), g.scalar(0f));
        String h = g.op("Add", "inputs_embeds", g.op("Unsqueeze", maskTerm, g.longs(2)));
        long seed = 1;
        if (gpt2) {
            h = g.op("Add", h, g.op("Gather", g.randomFloats("position_table", seed++, 0.02f, GPT2_POSITIONS, HIDDEN), "position_ids"));
        }
        for (int i = 0; i < layers; i++) {
            String n = gpt2 ? layerNorm(g, h, "attn_norm_" + i) : rmsNorm(g, h, "attn_norm_" + i);
            String q = heads(g, linear.apply(g, n, "wq_" + i, seed++, attnScale, HIDDEN, HIDDEN));
            String k = heads(g, linear.apply(g, n, "wk_" + i, seed++, attnScale, HIDDEN, HIDDEN));
            String v = heads(g, linear.apply(g, n, "wv_" + i, seed++, attnScale, HIDDEN, HIDDEN));
            g.node("Concat", new String[] {"past_key_values." + i + ".key", k}, "present." + i + ".key", "axis", 2L);
            g.node("Concat", new String[] {"past_key_values." + i + ".value", v}, "present." + i + ".value", "axis", 2L);
            String scores = g.op("Mul", g.op("MatMul", q, g.op("Transpose", "present." + i + ".key", "@perm", new long[] {0, 1, 3, 2})),
                    g.scalar((float) (1 / Math.sqrt(HEAD_DIM))));
            String context = g.op("MatMul", g.op("Softmax", scores, "@axis", -1L), "present." + i + ".value");
            String merged = g.op("Reshape", g.op("Transpose", context, "@perm", new long[] {0, 2, 1, 3}), g.longs(0, 0, HIDDEN));
            h = g.op("Add", h, linear.apply(g, merged, "wo_" + i, seed++, attnScale, HIDDEN, HIDDEN));
            String act;
            if (gpt2) {
                act = gelu(g, linear.apply(g, layerNorm(g, h, "mlp_norm_" + i), "wu_" + i, seed++, attnScale, HIDDEN, MLP));
            } else {
                String m = rmsNorm(g, h, "mlp_norm_" + i);
                String gate = linear.apply(g, m, "wg_" + i, seed++, attnScale, HIDDEN, MLP);
                String up = linear.apply(g, m, "wu_" + i, seed++, attnScale, HIDDEN, MLP);
                act = g.op("Mul", g.op("Mul", gate, g.op("Sigmoid", gate)), up);
            }
            h = g.op("Add", h, linear.apply(g, act, "wd_" + i, seed++, mlpScale, MLP, HIDDEN));
        }
        float[] bias = new float[vocab];
        for (int t = 6561; t < bias.length; t++) {
            bias[t] = -1e4f;
        }
        String last = gpt2 ? layerNorm(g, h, "final_norm") : rmsNorm(g, h, "final_norm");
        String head = linear.apply(g, last, "lm_head", seed, attnScale, HIDDEN, vocab);
        g.node("Add", new String[] {head, g.floats("lm_bias", bias, vocab)}, "logits");
        g.output("logits", FLOAT, "batch_size", "sequence_length", (long) vocab);
        for (int i = 0; i < layers; i++) {
            g.output("present." + i + ".key", FLOAT, "batch_size", (long) HEADS, "total_sequence_length", (long) HEAD_DIM);
            g.output("present." + i + ".value", FLOAT, "batch_size", (long) HEADS, "total_sequence_length", (long) HEAD_DIM);
        }
        return g;
    }
}
