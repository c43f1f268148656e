package com.voxclone.engine.chatterbox.testmodels;

import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.FLOAT;
import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.INT64;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Full-size stand-ins with random weights for benchmarks: the real signatures and roughly the real compute.
 *
 * <ul>
 * <li>language model: Llama-style, D 1024, 30 layers, 16 heads of 64, MLP 4096, vocabulary 8194 (about 520 M
 *     parameters, 2 GB fp32 in {@code language_model.onnx_data}); RMSNorm, attention over the KV cache, SiLU MLP.
 *     Rotary embeddings and the causal mask are left out (small share of the work). Logits of the stop token and of
 *     non-speech tokens are pushed down so every run generates exactly the requested number of tokens.</li>
 * <li>conditional decoder: token embedding, 2x upsampling, then 10 flow-matching steps over prompt plus new frames at
 *     batch 2 (guidance) through 34 MLP blocks 512-2048-512 (about 71 M parameters, the size of the S3Gen estimator),
 *     then a projection to 480 samples per frame. The conformer encoder and the HiFT vocoder are not modelled.</li>
 * <li>speech encoder and embeddings: the small stand-in graphs at D 1024 (enrolment is not what is measured).</li>
 * </ul>
 */
public final class PerformanceTwin {

    public static final int HIDDEN = 1024;
    public static final int HEADS = 16;
    public static final int HEAD_DIM = 64;
    public static final int LAYERS = 30;
    public static final int MLP = 4096;
    public static final int DECODER_WIDTH = 512;
    public static final int DECODER_BLOCKS = 34;
    public static final int FLOW_STEPS = 10;

    private PerformanceTwin() {
    }

    public static void write(Path dir) throws IOException {
        StandInModels.Spec spec = new StandInModels.Spec(HIDDEN, HEADS, HEAD_DIM, LAYERS, Integer.MAX_VALUE, false, "", -1);
        Path onnx = dir.resolve("onnx");
        StandInModels.writeTokenizer(dir.resolve("tokenizer.json"));
        StandInModels.speechEncoder(spec).save(onnx.resolve("speech_encoder.onnx"), 1024);
        StandInModels.embedTokens(spec).save(onnx.resolve("embed_tokens.onnx"), 1024);
        languageModel().save(onnx.resolve("language_model.onnx"), 1024);
        decoder().save(onnx.resolve("conditional_decoder.onnx"), 1024);
    }

    private static String rmsNorm(OnnxWriter g, String x, String name) {
        String meanSquare = g.op("ReduceMean", g.op("Mul", x, x), "@axes", new long[] {-1}, "@keepdims", 1L);
        String scale = g.op("Sqrt", g.op("Add", meanSquare, g.scalar(1e-5f)));
        float[] ones = new float[HIDDEN];
        java.util.Arrays.fill(ones, 1f);
        return g.op("Mul", g.op("Div", x, scale), g.floats(name, ones, HIDDEN));
    }

    private static String heads(OnnxWriter g, String x) {
        return g.op("Transpose", g.op("Reshape", x, g.longs(0, 0, HEADS, HEAD_DIM)), "@perm", new long[] {0, 2, 1, 3});
    }

    static OnnxWriter languageModel() {
        OnnxWriter g = new OnnxWriter();
        g.input("inputs_embeds", FLOAT, "batch_size", "sequence_length", (long) HIDDEN);
        g.input("attention_mask", INT64, "batch_size", "total_sequence_length");
        for (int i = 0; i < LAYERS; i++) {
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
        for (int i = 0; i < LAYERS; i++) {
            String n = rmsNorm(g, h, "attn_norm_" + i);
            String q = heads(g, g.op("MatMul", n, g.randomFloats("wq_" + i, seed++, attnScale, HIDDEN, HIDDEN)));
            String k = heads(g, g.op("MatMul", n, g.randomFloats("wk_" + i, seed++, attnScale, HIDDEN, HIDDEN)));
            String v = heads(g, g.op("MatMul", n, g.randomFloats("wv_" + i, seed++, attnScale, HIDDEN, HIDDEN)));
            g.node("Concat", new String[] {"past_key_values." + i + ".key", k}, "present." + i + ".key", "axis", 2L);
            g.node("Concat", new String[] {"past_key_values." + i + ".value", v}, "present." + i + ".value", "axis", 2L);
            String scores = g.op("Mul", g.op("MatMul", q, g.op("Transpose", "present." + i + ".key", "@perm", new long[] {0, 1, 3, 2})),
                    g.scalar((float) (1 / Math.sqrt(HEAD_DIM))));
            String context = g.op("MatMul", g.op("Softmax", scores, "@axis", -1L), "present." + i + ".value");
            String merged = g.op("Reshape", g.op("Transpose", context, "@perm", new long[] {0, 2, 1, 3}), g.longs(0, 0, HIDDEN));
            h = g.op("Add", h, g.op("MatMul", merged, g.randomFloats("wo_" + i, seed++, attnScale, HIDDEN, HIDDEN)));
            String m = rmsNorm(g, h, "mlp_norm_" + i);
            String gate = g.op("MatMul", m, g.randomFloats("wg_" + i, seed++, attnScale, HIDDEN, MLP));
            String up = g.op("MatMul", m, g.randomFloats("wu_" + i, seed++, attnScale, HIDDEN, MLP));
            String act = g.op("Mul", g.op("Mul", gate, g.op("Sigmoid", gate)), up);
            h = g.op("Add", h, g.op("MatMul", act, g.randomFloats("wd_" + i, seed++, mlpScale, MLP, HIDDEN)));
        }
        float[] bias = new float[StandInModels.VOCAB];
        for (int t = 6561; t < bias.length; t++) {
            bias[t] = -1e4f;
        }
        String head = g.op("MatMul", rmsNorm(g, h, "final_norm"), g.randomFloats("lm_head", seed, attnScale, HIDDEN, StandInModels.VOCAB));
        g.node("Add", new String[] {head, g.floats("lm_bias", bias, StandInModels.VOCAB)}, "logits");
        g.output("logits", FLOAT, "batch_size", "sequence_length", (long) StandInModels.VOCAB);
        for (int i = 0; i < LAYERS; i++) {
            g.output("present." + i + ".key", FLOAT, "batch_size", (long) HEADS, "total_sequence_length", (long) HEAD_DIM);
            g.output("present." + i + ".value", FLOAT, "batch_size", (long) HEADS, "total_sequence_length", (long) HEAD_DIM);
        }
        return g;
    }

    static OnnxWriter decoder() {
        OnnxWriter g = new OnnxWriter();
        g.input("speech_tokens", INT64, "batch_size", "num_speech_tokens");
        g.input("speaker_embeddings", FLOAT, "batch_size", 192L);
        g.input("speaker_features", FLOAT, "batch_size", "feature_dim", 80L);
        String embedded = g.op("Gather", g.randomFloats("token_embedding", 101, 0.5f, 6561, DECODER_WIDTH), "speech_tokens");
        String twice = g.op("Unsqueeze", embedded, g.longs(2));
        String frames = g.op("Reshape", g.op("Concat", twice, twice, "@axis", 2L), g.longs(0, -1, DECODER_WIDTH));
        String speaker = g.op("Unsqueeze", g.op("MatMul", "speaker_embeddings",
                g.randomFloats("speaker_projection", 102, 0.05f, 192, DECODER_WIDTH)), g.longs(1));
        String x = g.op("Add", frames, speaker);
        String guided = g.op("Concat", x, x, "@axis", 0L);
        float scale = (float) (1 / Math.sqrt(DECODER_WIDTH));
        // Flow steps share weights, as the real estimator does.
        String[] ups = new String[DECODER_BLOCKS];
        String[] downs = new String[DECODER_BLOCKS];
        for (int b = 0; b < DECODER_BLOCKS; b++) {
            ups[b] = g.randomFloats("up_" + b, 200 + b, scale, DECODER_WIDTH, 4L * DECODER_WIDTH);
            downs[b] = g.randomFloats("down_" + b, 300 + b, scale / 2, 4L * DECODER_WIDTH, DECODER_WIDTH);
        }
        for (int step = 0; step < FLOW_STEPS; step++) {
            for (int b = 0; b < DECODER_BLOCKS; b++) {
                String hidden = g.op("Relu", g.op("MatMul", guided, ups[b]));
                String down = g.op("MatMul", hidden, downs[b]);
                guided = g.op("Add", guided, g.op("Mul", down, g.scalar(0.1f)));
            }
        }
        // Keep the guided row, drop the prompt's frames, 480 samples per remaining frame.
        String conditional = g.op("Slice", guided, g.longs(0), g.longs(1), g.longs(0));
        String prompt = g.op("Shape", "speaker_features", "@start", 1L, "@end", 2L);
        String spoken = g.op("Slice", conditional, prompt, g.longs(Long.MAX_VALUE), g.longs(1));
        String samples = g.op("Tanh", g.op("MatMul", spoken, g.randomFloats("vocoder", 400, scale, DECODER_WIDTH, 480)));
        g.node("Reshape", new String[] {samples, g.longs(0, -1)}, "waveform");
        g.output("waveform", FLOAT, "batch_size", "num_samples");
        return g;
    }
}
