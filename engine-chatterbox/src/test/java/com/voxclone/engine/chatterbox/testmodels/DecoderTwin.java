package com.voxclone.engine.chatterbox.testmodels;

import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.FLOAT;
import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.INT64;

import java.util.Arrays;

/**
 * Full-size twin of {@code conditional_decoder.onnx} with random weights: the three parts of S3Gen with the sizes of
 * the public configuration, so a decoder call costs about what the real one does.
 *
 * <ol>
 * <li>Token encoder (conformer): token embedding 512, 6 layers at 25 Hz, repeat to 50 Hz, 4 more layers; each layer
 *     has self-attention (8 heads of 64), two feed-forward halves 512-2048-512 and a convolution module
 *     (pointwise, depthwise kernel 15, pointwise); then a projection to 80 mel channels.</li>
 * <li>Flow matching: 10 Euler steps (or as asked) over prompt plus new frames, each running the estimator on the conditional and the
 *     unconditional row (batch 2); Chatterbox Turbo's distilled ("meanflow") decoder: 2 steps on the conditional row only. Estimator: input 320 channels (state, encoder output, speaker, prompt), one down,
 *     12 middle and one up block of 256 channels, each a residual block of two kernel-3 convolutions followed by 4
 *     transformer blocks (8 heads of 64, feed-forward 256-1024-256); output 80 channels. Guidance combines the rows
 *     with rate 0.7.</li>
 * <li>Vocoder (HiFT) on the new frames only: kernel-7 input convolution to 512 channels, upsampling by 8, 5 and 3
 *     (transposed convolutions, kernels 16, 11, 7) to 256, 128 and 64 channels, each followed by three residual
 *     blocks (kernels 3, 7, 11, dilations 1, 3, 5); output convolution to 18 channels and an inverse STFT with hop 4,
 *     here a projection to 4 samples per step: 480 samples per frame.</li>
 * </ol>
 *
 * <p>About 140 M parameters (0.56 GB fp32), the size of the published decoder file. Left out: time embeddings,
 * normalisation inside the residual blocks, HiFT's harmonic source branch and the real inverse STFT (all small).
 * Random noise is replaced by a constant start, which costs the same.
 */
final class DecoderTwin {

    static final int ENCODER_WIDTH = 512;
    static final int ENCODER_HEADS = 8;
    static final int ENCODER_FF = 2048;
    static final int ENCODER_LAYERS_TOKEN_RATE = 6;
    static final int ENCODER_LAYERS_FRAME_RATE = 4;
    static final int MEL = 80;
    static final int ESTIMATOR_WIDTH = 256;
    static final int ESTIMATOR_HEADS = 8;
    static final int ESTIMATOR_FF = 1024;
    static final int ESTIMATOR_MID_BLOCKS = 12;
    static final int TRANSFORMERS_PER_BLOCK = 4;
    static final int PUBLISHED_FLOW_STEPS = 10;
    static final float GUIDANCE_RATE = 0.7f;
    static final int[] UPSAMPLE_RATES = {8, 5, 3};
    static final int[] UPSAMPLE_KERNELS = {16, 11, 7};
    static final int[] RESBLOCK_KERNELS = {3, 7, 11};
    static final int[] RESBLOCK_DILATIONS = {1, 3, 5};
    static final int VOCODER_WIDTH = 512;
    static final int HOP = 4;

    private final OnnxWriter g = new OnnxWriter();
    /** Chatterbox Turbo's decoder: two steps, no guidance (upstream: "distilled models don't need CFG"). */
    static final int TURBO_FLOW_STEPS = 2;

    private final int flowSteps;
    private final boolean guidance;
    private long seed = 1000;

    private DecoderTwin(int flowSteps, boolean guidance) {
        this.flowSteps = flowSteps;
        this.guidance = guidance;
    }

    /** The decoder with {@code flowSteps} Euler steps (10 in the published graph; re-exports with 4 and 6 exist). */
    static OnnxWriter graph(int flowSteps) {
        return new DecoderTwin(flowSteps, true).build();
    }

    /** Chatterbox Turbo's decoder: {@value #TURBO_FLOW_STEPS} steps on the conditional row alone. */
    static OnnxWriter turboGraph() {
        return new DecoderTwin(TURBO_FLOW_STEPS, false).build();
    }

    private OnnxWriter build() {
        g.input("speech_tokens", INT64, "batch_size", "num_speech_tokens");
        g.input("speaker_embeddings", FLOAT, "batch_size", 192L);
        g.input("speaker_features", FLOAT, "batch_size", "feature_dim", 80L);

        // 1. Token encoder: [B, N, 512] -> [B, 2N, 512] -> mu [B, 2N, 80]
        String h = g.op("Gather", weight("token_embedding", 0.5f, 6561, ENCODER_WIDTH), "speech_tokens");
        for (int i = 0; i < ENCODER_LAYERS_TOKEN_RATE; i++) {
            h = conformerLayer(h);
        }
        String twice = g.op("Unsqueeze", h, g.longs(2));
        h = g.op("Reshape", g.op("Concat", twice, twice, "@axis", 2L), g.longs(0, -1, ENCODER_WIDTH));
        for (int i = 0; i < ENCODER_LAYERS_FRAME_RATE; i++) {
            h = conformerLayer(h);
        }
        String mu = linear(h, ENCODER_WIDTH, MEL);

        // 2. Flow matching on [2B, T, 80]: conditional and unconditional rows.
        String speaker = g.op("Unsqueeze", linear("speaker_embeddings", 192, MEL), g.longs(1));
        String conditions = g.op("Concat", mu, g.op("Add", g.op("Mul", mu, g.scalar(0f)), speaker), mu, "@axis", 2L);
        String unconditional = g.op("Mul", conditions, g.scalar(0f));
        String guidedConditions = guidance ? g.op("Concat", conditions, unconditional, "@axis", 0L) : conditions;
        String x = g.op("Mul", mu, g.scalar(0f));
        EstimatorWeights weights = new EstimatorWeights();
        for (int step = 0; step < flowSteps; step++) {
            if (!guidance) {
                x = g.op("Add", x, g.op("Mul", estimator(g.op("Concat", x, conditions, "@axis", 2L), weights), g.scalar(1f / flowSteps)));
                continue;
            }
            String both = g.op("Concat", x, x, "@axis", 0L);
            String input = g.op("Concat", both, guidedConditions, "@axis", 2L);
            String velocity = estimator(input, weights);
            String conditional = g.op("Slice", velocity, g.longs(0), g.op("Shape", x, "@start", 0L, "@end", 1L), g.longs(0));
            String free = g.op("Slice", velocity, g.op("Shape", x, "@start", 0L, "@end", 1L), g.longs(Long.MAX_VALUE), g.longs(0));
            String guided = g.op("Sub", g.op("Mul", conditional, g.scalar(1 + GUIDANCE_RATE)), g.op("Mul", free, g.scalar(GUIDANCE_RATE)));
            x = g.op("Add", x, g.op("Mul", guided, g.scalar(1f / flowSteps)));
        }

        // 3. The prompt's frames are cut off; the vocoder makes 480 samples per remaining frame.
        String prompt = g.op("Shape", "speaker_features", "@start", 1L, "@end", 2L);
        String mel = g.op("Slice", x, prompt, g.longs(Long.MAX_VALUE), g.longs(1));
        String samples = vocoder(g.op("Transpose", mel, "@perm", new long[] {0, 2, 1}));
        g.node("Reshape", new String[] {samples, g.longs(0, -1)}, "waveform");
        g.output("waveform", FLOAT, "batch_size", "num_samples");
        return g;
    }

    /** The estimator's weights, shared by all flow steps as in the real model. */
    private final class EstimatorWeights {
        final Block down = new Block(4 * MEL, ESTIMATOR_WIDTH);
        final Block[] middle = new Block[ESTIMATOR_MID_BLOCKS];
        final Block up = new Block(2 * ESTIMATOR_WIDTH, ESTIMATOR_WIDTH);
        final String output = weight("estimator_out", scale(ESTIMATOR_WIDTH), MEL, ESTIMATOR_WIDTH, 1);

        EstimatorWeights() {
            for (int i = 0; i < middle.length; i++) {
                middle[i] = new Block(ESTIMATOR_WIDTH, ESTIMATOR_WIDTH);
            }
        }
    }

    /** A residual block of two kernel-3 convolutions, then transformer blocks. */
    private final class Block {
        final String conv1;
        final String conv2;
        final String skip;
        final TransformerWeights[] transformers = new TransformerWeights[TRANSFORMERS_PER_BLOCK];

        Block(int in, int out) {
            conv1 = weight("res_a", scale(in * 3), out, in, 3);
            conv2 = weight("res_b", scale(out * 3), out, out, 3);
            skip = in == out ? null : weight("res_skip", scale(in), out, in, 1);
            for (int i = 0; i < transformers.length; i++) {
                transformers[i] = new TransformerWeights(ESTIMATOR_WIDTH, ESTIMATOR_HEADS, ESTIMATOR_FF);
            }
        }

        /** {@code x} as [B, C, T]; returns [B, 256, T]. */
        String apply(String x) {
            String a = g.op("Relu", conv(x, conv1, 3, 1));
            String b = conv(a, conv2, 3, 1);
            String h = g.op("Add", skip == null ? x : conv(x, skip, 1, 1), b);
            String t = g.op("Transpose", h, "@perm", new long[] {0, 2, 1});
            for (TransformerWeights w : transformers) {
                t = transformer(t, w, false);
            }
            return g.op("Transpose", t, "@perm", new long[] {0, 2, 1});
        }
    }

    private String estimator(String input, EstimatorWeights w) {
        String x = g.op("Transpose", input, "@perm", new long[] {0, 2, 1});
        String down = w.down.apply(x);
        String h = down;
        for (Block b : w.middle) {
            h = b.apply(h);
        }
        String up = w.up.apply(g.op("Concat", h, down, "@axis", 1L));
        String out = conv(up, w.output, 1, 1);
        return g.op("Transpose", out, "@perm", new long[] {0, 2, 1});
    }

    private final class TransformerWeights {
        final int heads;
        final String q;
        final String k;
        final String v;
        final String o;
        final String ff1;
        final String ff2;
        final String norm1;
        final String norm2;

        TransformerWeights(int width, int heads, int ff) {
            this.heads = heads;
            int inner = heads * 64;
            q = weight("q", scale(width), width, inner);
            k = weight("k", scale(width), width, inner);
            v = weight("v", scale(width), width, inner);
            o = weight("o", scale(inner), inner, width);
            ff1 = weight("ff1", scale(width), width, ff);
            ff2 = weight("ff2", scale(ff), ff, width);
            norm1 = ones(width);
            norm2 = ones(width);
        }
    }

    /** Pre-norm self-attention and feed-forward on [B, T, C]; the conformer's second feed-forward half when asked. */
    private String transformer(String x, TransformerWeights w, boolean macaron) {
        if (macaron) {
            x = feedForward(x, w);
        }
        String n = g.op("LayerNormalization", x, w.norm1, "@axis", -1L);
        String q = heads(g.op("MatMul", n, w.q), w.heads);
        String k = heads(g.op("MatMul", n, w.k), w.heads);
        String v = heads(g.op("MatMul", n, w.v), w.heads);
        String scores = g.op("Mul", g.op("MatMul", q, g.op("Transpose", k, "@perm", new long[] {0, 1, 3, 2})), g.scalar(0.125f));
        String context = g.op("MatMul", g.op("Softmax", scores, "@axis", -1L), v);
        String merged = g.op("Reshape", g.op("Transpose", context, "@perm", new long[] {0, 2, 1, 3}), g.longs(0, 0, (long) w.heads * 64));
        x = g.op("Add", x, g.op("Mul", g.op("MatMul", merged, w.o), g.scalar(0.1f)));
        return feedForward(x, w);
    }

    private String feedForward(String x, TransformerWeights w) {
        String n = g.op("LayerNormalization", x, w.norm2, "@axis", -1L);
        String up = g.op("MatMul", n, w.ff1);
        // GELU, in its sigmoid approximation.
        String act = g.op("Mul", up, g.op("Sigmoid", g.op("Mul", up, g.scalar(1.702f))));
        return g.op("Add", x, g.op("Mul", g.op("MatMul", act, w.ff2), g.scalar(0.1f)));
    }

    /** Macaron feed-forward, attention, convolution module (pointwise, depthwise 15, pointwise), feed-forward. */
    private String conformerLayer(String x) {
        TransformerWeights w = new TransformerWeights(ENCODER_WIDTH, ENCODER_HEADS, ENCODER_FF);
        String h = transformer(x, w, true);
        String c = g.op("Transpose", g.op("LayerNormalization", h, ones(ENCODER_WIDTH), "@axis", -1L), "@perm", new long[] {0, 2, 1});
        String gated = conv(c, weight("pw1", scale(ENCODER_WIDTH), 2 * ENCODER_WIDTH, ENCODER_WIDTH, 1), 1, 1);
        String value = g.op("Slice", gated, g.longs(0), g.longs(ENCODER_WIDTH), g.longs(1));
        String gate = g.op("Slice", gated, g.longs(ENCODER_WIDTH), g.longs(2 * ENCODER_WIDTH), g.longs(1));
        String glu = g.op("Mul", value, g.op("Sigmoid", gate));
        String depthwise = g.op("Conv", glu, weight("dw", scale(15), ENCODER_WIDTH, 1, 15),
                "@pads", new long[] {7, 7}, "@group", (long) ENCODER_WIDTH);
        String pointwise = conv(g.op("Relu", depthwise), weight("pw2", scale(ENCODER_WIDTH), ENCODER_WIDTH, ENCODER_WIDTH, 1), 1, 1);
        return g.op("Add", h, g.op("Mul", g.op("Transpose", pointwise, "@perm", new long[] {0, 2, 1}), g.scalar(0.1f)));
    }

    /** HiFT on mel [B, 80, frames]: returns [B, frames * 480]. */
    private String vocoder(String mel) {
        String x = conv(mel, weight("conv_pre", scale(MEL * 7), VOCODER_WIDTH, MEL, 7), 7, 1);
        int channels = VOCODER_WIDTH;
        for (int stage = 0; stage < UPSAMPLE_RATES.length; stage++) {
            int rate = UPSAMPLE_RATES[stage];
            int kernel = UPSAMPLE_KERNELS[stage];
            int out = channels / 2;
            x = g.op("ConvTranspose", leaky(x), weight("up", scale(channels * kernel / rate), channels, out, kernel),
                    "@strides", new long[] {rate}, "@pads", new long[] {(kernel - rate) / 2, (kernel - rate) / 2});
            channels = out;
            String sum = null;
            for (int k : RESBLOCK_KERNELS) {
                String r = x;
                for (int d : RESBLOCK_DILATIONS) {
                    String t = conv(leaky(r), weight("rb", scale(channels * k), channels, channels, k), k, d);
                    t = conv(leaky(t), weight("rb", scale(channels * k), channels, channels, k), k, 1);
                    r = g.op("Add", r, g.op("Mul", t, g.scalar(0.1f)));
                }
                sum = sum == null ? r : g.op("Add", sum, r);
            }
            x = g.op("Mul", sum, g.scalar(1f / RESBLOCK_KERNELS.length));
        }
        String spectrum = conv(leaky(x), weight("conv_post", scale(channels * 7), 18, channels, 7), 7, 1);
        // Inverse STFT stand-in: 4 samples per step from the 18 channels.
        String steps = g.op("Transpose", spectrum, "@perm", new long[] {0, 2, 1});
        return g.op("Tanh", g.op("MatMul", steps, weight("istft", scale(18), 18, HOP)));
    }

    private String leaky(String x) {
        return g.op("LeakyRelu", x, "@alpha", 0.1);
    }

    /** A 1-D convolution that keeps the length ("same" padding). */
    private String conv(String x, String weight, int kernel, int dilation) {
        long pad = (long) dilation * (kernel - 1) / 2;
        return g.op("Conv", x, weight, "@dilations", new long[] {dilation}, "@pads", new long[] {pad, pad});
    }

    private String linear(String x, int in, int out) {
        return g.op("MatMul", x, weight("proj", scale(in), in, out));
    }

    private String heads(String x, int heads) {
        return g.op("Transpose", g.op("Reshape", x, g.longs(0, 0, heads, 64)), "@perm", new long[] {0, 2, 1, 3});
    }

    private String weight(String name, float scale, long... dims) {
        long s = seed++;
        return g.randomFloats(name + "_" + s, s, scale, dims);
    }

    private String ones(int width) {
        float[] values = new float[width];
        Arrays.fill(values, 1f);
        return g.floats("norm_" + seed++, values, width);
    }

    /** Uniform weights in [-a, a] with a = sqrt(3 / fan-in) keep activations at unit scale. */
    private static float scale(int fanIn) {
        return (float) Math.sqrt(3.0 / fanIn);
    }
}
