package com.voxclone.engine.chatterbox.testmodels;

import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.FLOAT;
import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.FLOAT16;
import static com.voxclone.engine.chatterbox.testmodels.OnnxWriter.INT64;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Small stand-ins for the four Chatterbox graphs and the tokenizer, with the real file names, tensor names,
 * dtypes, ranks and I/O order, but shrunk sizes and simple deterministic functions, so tests can predict every
 * output. The functions are exposed as static methods next to the graph that computes them.
 */
public final class StandInModels {

    public static final int VOCAB = 8194;
    /** Turbo's logits width: speech tokens 0-6560, start 6561, stop 6562. */
    public static final int TURBO_VOCAB = 6563;
    /** Rows of Turbo's embedding tables: 50276 text (GPT-2 and 19 tags) and 6563 speech. */
    public static final int TURBO_TABLE_ROWS = 50276 + 6563;
    /** Turbo's tags at ids 50257-50275, in id order, as its published tokenizer has them. */
    public static final List<String> TURBO_TAGS = List.of("[angry]", "[fear]", "[surprised]", "[whispering]", "[advertisement]",
            "[dramatic]", "[narration]", "[crying]", "[happy]", "[sarcastic]", "[clear throat]", "[sigh]", "[shush]", "[cough]",
            "[groan]", "[sniff]", "[gasp]", "[chuckle]", "[laugh]");
    /** Turbo's language-model prompt: a speaker row and up to 375 speech-token rows (15 s). */
    public static final int TURBO_MAX_PREFIX_ROWS = 376;
    public static final int POSITIONS = 4100;
    public static final int PREFIX_ROWS = 33;
    public static final int STOP = 6562;
    /** The logit the language model gives its scripted token; all others stay below 1. */
    public static final float PEAK = 10f;
    /**
     * Turbo's stand-in peak: Turbo samples without min_p, which removes every other token below 10 for the original;
     * at 30 the other 6562 tokens together keep a chance below 1e-9, so any seed gives the scripted tokens.
     */
    public static final float TURBO_PEAK = 30f;

    /**
     * @param hidden    D, last dimension of the embeddings ({@code heads * headDim})
     * @param heads     H
     * @param headDim   Dh
     * @param layers    L
     * @param stopTotal the language model answers the stop token once the attention mask holds this many ones
     * @param fp16Cache whether pasts and presents are float16
     * @param suffix    precision suffix of the language model file ("" for fp32, "_q4", ...)
     * @param nonSpeechTotal at this attention-mask total the model answers 6563, a token that is not speech (-1: never)
     * @param readsCache whether the scripted token also depends on what the cache holds where the mask is one (see
     *                   {@link #languageModel(Spec, boolean)}): for checking that caches moved between batches keep
     *                   their contents and alignment
     */
    public record Spec(int hidden, int heads, int headDim, int layers, int stopTotal, boolean fp16Cache, String suffix,
                       int nonSpeechTotal, boolean readsCache) {
        public Spec(int hidden, int heads, int headDim, int layers, int stopTotal, boolean fp16Cache, String suffix, int nonSpeechTotal) {
            this(hidden, heads, headDim, layers, stopTotal, fp16Cache, suffix, nonSpeechTotal, false);
        }

        public Spec readingTheCache() {
            return new Spec(hidden, heads, headDim, layers, stopTotal, fp16Cache, suffix, nonSpeechTotal, true);
        }

        public static Spec small(int stopTotal) {
            return new Spec(8, 2, 4, 3, stopTotal, false, "", -1);
        }

        /** The language model under the name of another precision (its graph stays the same). */
        public Spec named(String languageModelSuffix) {
            return new Spec(hidden, heads, headDim, layers, stopTotal, fp16Cache, languageModelSuffix, nonSpeechTotal, readsCache);
        }

        public Spec withFp16Cache() {
            return new Spec(hidden, heads, headDim, layers, stopTotal, true, "_fp16", nonSpeechTotal, readsCache);
        }

        public Spec withNonSpeechTokenAt(int total) {
            return new Spec(hidden, heads, headDim, layers, stopTotal, fp16Cache, suffix, total, readsCache);
        }
    }

    private StandInModels() {
    }

    /** Initializers of this size or more go to a weights file beside their graph, as in the published exports. */
    public static final int EXTERNAL_FROM_BYTES = 1024;
    /** Every weight inside its graph, as a re-export without external data has them. */
    public static final int EMBEDDED = Integer.MAX_VALUE;

    /** Writes tokenizer.json and onnx/ with all four graphs, each with its {@code .onnx_data} file. */
    public static Path writeModelDirectory(Path dir, Spec spec) throws IOException {
        return writeModelDirectory(dir, spec, EXTERNAL_FROM_BYTES);
    }

    /** Writes tokenizer.json and onnx/ with all four graphs, weights of {@code externalFromBytes} or more outside. */
    public static Path writeModelDirectory(Path dir, Spec spec, int externalFromBytes) throws IOException {
        Path onnx = dir.resolve("onnx");
        writeTokenizer(dir.resolve("tokenizer.json"));
        speechEncoder(spec).save(onnx.resolve("speech_encoder.onnx"), externalFromBytes);
        embedTokens(spec).save(onnx.resolve("embed_tokens.onnx"), externalFromBytes);
        languageModel(spec).save(onnx.resolve("language_model" + spec.suffix() + ".onnx"), externalFromBytes);
        conditionalDecoder().save(onnx.resolve("conditional_decoder.onnx"), externalFromBytes);
        return dir;
    }

    /**
     * Chatterbox Multilingual's stand-in: the original model's graphs (Multilingual's have the same contract) with a
     * tokenizer that has language tokens at Multilingual's ids ({@code [fr]} 634, {@code [de]} 636, {@code [ko]} 724,
     * {@code [zh]} 725) and the characters of the tests' French and Korean, the Cangjie tokens of the tests' Chinese
     * ({@code [cj_.]} 2064 as in the real tokenizer, the letters at made-up ids) and a Cangjie table
     * ({@link #CANGJIE_TABLE}).
     */
    public static Path writeMultilingualDirectory(Path dir, Spec spec) throws IOException {
        writeModelDirectory(dir, spec);
        StringBuilder added = new StringBuilder();
        StringBuilder vocab = new StringBuilder(",\"f\":62,\"\u0301\":63,"
                + "\"\u1100\":800,\"\u1112\":801,\"\u1161\":802,\"\u116E\":803,\"\u11A8\":804,\"\u11AB\":805");
        MULTILINGUAL_ADDED_TOKENS.forEach((token, id) -> {
            added.append(",{\"id\":").append(id).append(",\"content\":\"").append(token)
                    .append("\",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true}");
            vocab.append(",\"").append(token).append("\":").append(id);
        });
        writeTokenizer(dir.resolve("tokenizer.json"), added.toString(), vocab.toString());
        Files.writeString(dir.resolve("Cangjie5_TC.json"), CANGJIE_TABLE, StandardCharsets.UTF_8);
        return dir;
    }

    /** The stand-in Multilingual tokenizer's added tokens: languages, and Cangjie letters, digits and end mark. */
    public static final Map<String, Integer> MULTILINGUAL_ADDED_TOKENS = Map.ofEntries(Map.entry("[fr]", 634),
            Map.entry("[es]", 635), Map.entry("[de]", 636), Map.entry("[ko]", 724), Map.entry("[zh]", 725),
            Map.entry("[cj_d]", 2003), Map.entry("[cj_f]", 2005), Map.entry("[cj_h]", 2007), Map.entry("[cj_i]", 2008),
            Map.entry("[cj_n]", 2013), Map.entry("[cj_o]", 2014), Map.entry("[cj_q]", 2016), Map.entry("[cj_r]", 2017),
            Map.entry("[cj_v]", 2021), Map.entry("[cj_1]", 2031), Map.entry("[cj_.]", 2064));

    /**
     * A Cangjie table in the model's format for the tests' Chinese: 我 hqi, 你 onf, 好 vnd and 口 r are their real
     * Cangjie codes; 囗 is given r here too, so that, listed second, it is written r1.
     */
    public static final String CANGJIE_TABLE = "[\"我\\thqi\", \"你\\tonf\", \"好\\tvnd\", \"口\\tr\", \"囗\\tr\"]";

    /**
     * Stand-ins for Chatterbox Turbo's graphs and tokenizer with its names, dtypes, ranks and I/O order: the speech
     * encoder gives a speaker row plus one row per 960 samples of the first 15 s as the language-model prefix
     * ({@link #expectedTurboPrefixRows}); {@code embed_tokens} takes only {@code input_ids} (one table of 50276 + 6563
     * rows); the language model also takes {@code position_ids} (see {@link #languageModel(Spec, boolean)}); the
     * decoder is the original's; the tokenizer is GPT-2 byte-level with the 19 tags ({@link #writeTurboTokenizer}).
     */
    public static Path writeTurboDirectory(Path dir, Spec spec, int externalFromBytes) throws IOException {
        Path onnx = dir.resolve("onnx");
        writeTurboTokenizer(dir.resolve("tokenizer.json"));
        turboSpeechEncoder(spec).save(onnx.resolve("speech_encoder.onnx"), externalFromBytes);
        OnnxWriter embed = new OnnxWriter();
        embed.input("input_ids", INT64, "batch_size", "sequence_length");
        float[] table = new float[TURBO_TABLE_ROWS * spec.hidden()];
        for (int i = 0; i < table.length; i++) {
            table[i] = tokenEmbedding(i / spec.hidden(), i % spec.hidden());
        }
        embed.node("Gather", new String[] {embed.floats("token_table", table, TURBO_TABLE_ROWS, spec.hidden()), "input_ids"}, "inputs_embeds");
        embed.output("inputs_embeds", FLOAT, "batch_size", "sequence_length", (long) spec.hidden());
        embed.save(onnx.resolve("embed_tokens.onnx"), externalFromBytes);
        languageModel(spec, true).save(onnx.resolve("language_model" + spec.suffix() + ".onnx"), externalFromBytes);
        conditionalDecoder().save(onnx.resolve("conditional_decoder.onnx"), externalFromBytes);
        return dir;
    }

    public static Path writeTurboDirectory(Path dir, Spec spec) throws IOException {
        return writeTurboDirectory(dir, spec, EXTERNAL_FROM_BYTES);
    }

    /** Rows of the stand-in Turbo encoder's {@code audio_features}: a speaker row, then one per 960 samples of 15 s. */
    public static int expectedTurboPrefixRows(int samples) {
        return 1 + Math.min(samples, 360_000) / 960;
    }

    /** The stand-in decoder as {@code onnx/<name>.onnx} with its own {@code <name>.onnx_data}. */
    public static void writeDecoder(Path dir, String name) throws IOException {
        conditionalDecoder().save(dir.resolve("onnx").resolve(name + ".onnx"), EXTERNAL_FROM_BYTES);
    }

    // ---- speech_encoder -------------------------------------------------------------------------------

    static OnnxWriter speechEncoder(Spec spec) {
        return speechEncoder(spec, false);
    }

    static OnnxWriter turboSpeechEncoder(Spec spec) {
        return speechEncoder(spec, true);
    }

    /**
     * With {@code turbo}, {@code audio_features} has {@link #expectedTurboPrefixRows} rows (rows of the same table as
     * the original's 33, extended to 376) instead of 33.
     */
    static OnnxWriter speechEncoder(Spec spec, boolean turbo) {
        OnnxWriter g = new OnnxWriter();
        g.input("audio_values", FLOAT, "batch_size", "num_samples");
        String first10s = g.op("Slice", "audio_values", g.longs(0), g.longs(240_000), g.longs(1));
        String length = g.op("Shape", first10s, "@start", 1L, "@end", 2L);
        String whole = g.op("Mul", g.op("Div", length, g.longs(960)), g.longs(960));
        String trimmed = g.op("Slice", first10s, g.longs(0), whole, g.longs(1));
        String frames = g.op("Reshape", trimmed, g.longs(0, -1, 960));
        String energy = g.op("ReduceMean", g.op("Abs", frames), "@axes", new long[] {2}, "@keepdims", 0L);
        String scaled = g.op("Mul", g.op("Min", energy, g.scalar(1f)), g.scalar(6560f));
        g.node("Cast", new String[] {g.op("Floor", scaled)}, "audio_tokens", "to", (long) INT64);

        String halves = g.op("Reshape", trimmed, g.longs(0, -1, 480));
        String halfEnergy = g.op("ReduceMean", g.op("Abs", halves), "@axes", new long[] {2}, "@keepdims", 1L);
        g.node("Mul", new String[] {halfEnergy, g.floats("mel_ramp", melRamp(), 80)}, "speaker_features");

        String mean = g.op("ReduceMean", "audio_values", "@axes", new long[] {1}, "@keepdims", 1L);
        String scaledEmbedding = g.op("Mul", mean, g.floats("xvector_scale", ramp(192, 0.01f), 192));
        g.node("Add", new String[] {scaledEmbedding, g.floats("xvector_bias", ramp(192, 0.001f), 192)}, "speaker_embeddings");

        int tableRows = turbo ? TURBO_MAX_PREFIX_ROWS : PREFIX_ROWS;
        float[] prefix = new float[tableRows * spec.hidden()];
        for (int r = 0; r < tableRows; r++) {
            for (int d = 0; d < spec.hidden(); d++) {
                prefix[r * spec.hidden() + d] = audioFeatureBase(r, d);
            }
        }
        String mean3 = g.op("Unsqueeze", mean, g.longs(2));
        String table = g.floats("prefix_table", prefix, tableRows, spec.hidden());
        if (turbo) {
            String first15s = g.op("Slice", "audio_values", g.longs(0), g.longs(360_000), g.longs(1));
            String samples = g.op("Squeeze", g.op("Shape", first15s, "@start", 1L, "@end", 2L), g.longs(0));
            String rows = g.op("Add", g.op("Div", samples, g.scalar(960L)), g.scalar(1L));
            table = g.op("Gather", table, g.op("Range", g.scalar(0L), rows, g.scalar(1L)));
        }
        g.node("Add", new String[] {mean3, table}, "audio_features");

        g.output("audio_features", FLOAT, "batch_size", "sequence_length", (long) spec.hidden());
        g.output("audio_tokens", INT64, "batch_size", "audio_sequence_length");
        g.output("speaker_embeddings", FLOAT, "batch_size", 192L);
        g.output("speaker_features", FLOAT, "batch_size", "feature_dim", 80L);
        return g;
    }

    /** Speech tokens the stand-in encoder gives a clip: mean |x| of each 960-sample frame of the first 10 s. */
    public static long[] expectedAudioTokens(float[] audio) {
        int frames = Math.min(audio.length, 240_000) / 960;
        long[] tokens = new long[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int i = 0; i < 960; i++) {
                sum += Math.abs(audio[f * 960 + i]);
            }
            tokens[f] = (long) Math.floor(Math.min(sum / 960, 1.0) * 6560);
        }
        return tokens;
    }

    public static float audioFeatureBase(int row, int dim) {
        return row * 0.01f + dim * 0.1f;
    }

    private static float[] melRamp() {
        return ramp(80, 1f / 80);
    }

    private static float[] ramp(int n, float step) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = (i + 1) * step;
        }
        return r;
    }

    // ---- embed_tokens ---------------------------------------------------------------------------------

    static OnnxWriter embedTokens(Spec spec) {
        int d = spec.hidden();
        OnnxWriter g = new OnnxWriter();
        g.input("input_ids", INT64, "batch_size", "sequence_length");
        g.input("position_ids", INT64, "batch_size", "sequence_length");
        g.input("exaggeration", FLOAT, "batch_size");
        float[] tokenTable = new float[VOCAB * d];
        for (int i = 0; i < VOCAB; i++) {
            for (int k = 0; k < d; k++) {
                tokenTable[i * d + k] = tokenEmbedding(i, k);
            }
        }
        float[] positionTable = new float[POSITIONS * d];
        for (int p = 0; p < POSITIONS; p++) {
            for (int k = 0; k < d; k++) {
                positionTable[p * d + k] = positionEmbedding(p, k);
            }
        }
        float[] emotion = new float[d];
        for (int k = 0; k < d; k++) {
            emotion[k] = emotionDirection(k);
        }
        String tokens = g.op("Gather", g.floats("token_table", tokenTable, VOCAB, d), "input_ids");
        String positions = g.op("Gather", g.floats("position_table", positionTable, POSITIONS, d), "position_ids");
        String isEmotion = g.op("Cast", g.op("Equal", "input_ids", g.scalar(6563L)), "@to", (long) FLOAT);
        String weight = g.op("Mul", isEmotion, g.op("Unsqueeze", "exaggeration", g.longs(1)));
        String emotionPart = g.op("Mul", g.op("Unsqueeze", weight, g.longs(2)), g.floats("emotion_fc", emotion, d));
        g.node("Add", new String[] {g.op("Add", tokens, positions), emotionPart}, "inputs_embeds");
        g.output("inputs_embeds", FLOAT, "batch_size", "sequence_length", (long) d);
        return g;
    }

    public static float tokenEmbedding(long id, int dim) {
        return ((id * 31 + dim * 7) % 97) / 97f - 0.5f;
    }

    public static float positionEmbedding(long position, int dim) {
        return ((position * 13 + dim * 5) % 89) / 890f;
    }

    public static float emotionDirection(int dim) {
        return 1f + dim * 0.1f;
    }

    /** What the stand-in embed_tokens computes for one id. */
    public static float expectedEmbedding(long id, long position, float exaggeration, int dim) {
        return tokenEmbedding(id, dim) + positionEmbedding(position, dim) + (id == 6563 ? exaggeration * emotionDirection(dim) : 0f);
    }

    // ---- language_model -------------------------------------------------------------------------------

    public static OnnxWriter languageModel(Spec spec) {
        return languageModel(spec, false);
    }

    /**
     * The stand-in language model. With {@code turbo}, it also takes {@code position_ids} and scripts its token from
     * them instead of the mask: (last position + 1) * 7 mod 6561, the same token as the original's when the positions
     * count the whole sequence from 0, another one otherwise; its logits are 6563 wide, as Turbo's. With
     * {@link Spec#readsCache()}, the token also adds the sum of {@code round(890 * key)} over the positions the mask
     * shows, in layer 0, head 0, dimension 0 (whole numbers, so the sum is exact in any order): a cache moved out of
     * place, or padding left visible, changes the tokens.
     */
    public static OnnxWriter languageModel(Spec spec, boolean turbo) {
        OnnxWriter g = new OnnxWriter();
        int cacheType = spec.fp16Cache() ? FLOAT16 : FLOAT;
        int vocab = turbo ? TURBO_VOCAB : VOCAB;
        g.input("inputs_embeds", FLOAT, "batch_size", "sequence_length", (long) spec.hidden());
        g.input("attention_mask", INT64, "batch_size", "total_sequence_length");
        if (turbo) {
            g.input("position_ids", INT64, "batch_size", "sequence_length");
        }
        for (int i = 0; i < spec.layers(); i++) {
            for (String kind : new String[] {"key", "value"}) {
                g.input("past_key_values." + i + "." + kind, cacheType, "batch_size", (long) spec.heads(), "past_sequence_length", (long) spec.headDim());
            }
        }
        String heads = g.op("Reshape", "inputs_embeds", g.longs(0, 0, spec.heads(), spec.headDim()));
        String projection = g.op("Transpose", heads, "@perm", new long[] {0, 2, 1, 3});

        String total = g.op("ReduceSum", "attention_mask", g.longs(1), "@keepdims", 0L);
        String counted = turbo ? g.op("Add", g.op("ReduceMax", "position_ids", "@axes", new long[] {1}, "@keepdims", 0L), g.scalar(1L)) : total;
        String scaled = g.op("Mul", counted, g.scalar(7L));
        if (spec.readsCache()) {
            String past = spec.fp16Cache() ? g.op("Cast", "past_key_values.0.key", "@to", (long) FLOAT) : "past_key_values.0.key";
            String keys = g.op("Concat", past, g.op("Add", projection, g.scalar(keyOffset(0))), "@axis", 2L);
            // Scalar indices drop the axis: [B, H, T, Dh] -> [B, T, Dh] -> [B, T].
            String column = g.op("Gather", g.op("Gather", keys, g.scalar(0L), "@axis", 1L), g.scalar(0L), "@axis", 2L);
            String shown = g.op("Mul", column, g.op("Cast", "attention_mask", "@to", (long) FLOAT));
            String sum = g.op("ReduceSum", g.op("Round", g.op("Mul", shown, g.scalar(890f))), g.longs(1), "@keepdims", 0L);
            scaled = g.op("Add", scaled, g.op("Cast", sum, "@to", (long) INT64));
        }
        String scripted = g.op("Mod", scaled, g.scalar(6561L));
        String speech = g.op("Where", g.op("Equal", total, g.scalar((long) spec.nonSpeechTotal())), g.scalar(6563L), scripted);
        String token = g.op("Where", g.op("GreaterOrEqual", total, g.scalar((long) spec.stopTotal())), g.scalar((long) STOP), speech);
        String oneHot = g.op("OneHot", token, g.scalar((long) vocab), g.floats("one_hot_values", new float[] {0f, turbo ? TURBO_PEAK : PEAK}, 2));
        String zeros = g.op("Mul", g.op("ReduceSum", "inputs_embeds", g.longs(2), "@keepdims", 1L), g.scalar(0f));
        float[] base = new float[vocab];
        for (int v = 0; v < vocab; v++) {
            base[v] = baseLogit(v);
        }
        String withPeak = g.op("Add", zeros, g.op("Unsqueeze", oneHot, g.longs(1)));
        g.node("Add", new String[] {withPeak, g.floats("base_logits", base, vocab)}, "logits");
        g.output("logits", FLOAT, "batch_size", "sequence_length", (long) vocab);

        for (int i = 0; i < spec.layers(); i++) {
            String key = g.op("Add", projection, g.scalar(keyOffset(i)));
            String value = g.op("Mul", projection, g.scalar(valueScale(i)));
            if (spec.fp16Cache()) {
                key = g.op("Cast", key, "@to", (long) FLOAT16);
                value = g.op("Cast", value, "@to", (long) FLOAT16);
            }
            g.node("Concat", new String[] {"past_key_values." + i + ".key", key}, "present." + i + ".key", "axis", 2L);
            g.node("Concat", new String[] {"past_key_values." + i + ".value", value}, "present." + i + ".value", "axis", 2L);
            g.output("present." + i + ".key", cacheType, "batch_size", (long) spec.heads(), "total_sequence_length", (long) spec.headDim());
            g.output("present." + i + ".value", cacheType, "batch_size", (long) spec.heads(), "total_sequence_length", (long) spec.headDim());
        }
        return g;
    }

    /** The token the stand-in language model puts its peak on, given how many ones the attention mask holds. */
    public static int scriptedToken(long maskTotal, int stopTotal) {
        return maskTotal >= stopTotal ? STOP : (int) (maskTotal * 7 % 6561);
    }

    public static float baseLogit(int v) {
        return ((v * 37) % 100) / 100f;
    }

    public static float keyOffset(int layer) {
        return layer + 1f;
    }

    public static float valueScale(int layer) {
        return layer + 2f;
    }

    // ---- conditional_decoder --------------------------------------------------------------------------

    static OnnxWriter conditionalDecoder() {
        OnnxWriter g = new OnnxWriter();
        g.input("speech_tokens", INT64, "batch_size", "num_speech_tokens");
        g.input("speaker_embeddings", FLOAT, "batch_size", 192L);
        g.input("speaker_features", FLOAT, "batch_size", "feature_dim", 80L);
        String asFloat = g.op("Cast", "speech_tokens", "@to", (long) FLOAT);
        String amplitude = g.op("Add", g.op("Div", g.op("Mod", asFloat, g.scalar(100f), "@fmod", 1L), g.scalar(200f)), g.scalar(0.1f));
        float[] block = new float[960];
        for (int i = 0; i < block.length; i++) {
            block[i] = sineBlock(i);
        }
        String blocks = g.op("Mul", g.op("Unsqueeze", amplitude, g.longs(2)), g.floats("sine_block", block, 960));
        String flat = g.op("Reshape", blocks, g.longs(0, -1));
        // Ties the speaker embedding into the graph without changing the output.
        String unused = g.op("Mul", g.op("ReduceMean", "speaker_embeddings", "@axes", new long[] {1}, "@keepdims", 1L), g.scalar(0f));
        String prompt = g.op("Mul", g.op("Shape", "speaker_features", "@start", 1L, "@end", 2L), g.longs(480));
        String spoken = g.op("Slice", g.op("Add", flat, unused), prompt, g.longs(Long.MAX_VALUE), g.longs(1));
        g.node("Identity", new String[] {spoken}, "waveform");
        g.output("waveform", FLOAT, "batch_size", "num_samples");
        return g;
    }

    public static float sineBlock(int i) {
        return (float) Math.sin(2 * Math.PI * 4 * i / 960.0);
    }

    /** What the stand-in decoder outputs for the given tokens after dropping {@code promptFrames * 480} samples. */
    public static float[] expectedWaveform(long[] tokens, int promptFrames) {
        float[] all = new float[tokens.length * 960];
        for (int t = 0; t < tokens.length; t++) {
            float amplitude = (tokens[t] % 100) / 200f + 0.1f;
            for (int i = 0; i < 960; i++) {
                all[t * 960 + i] = amplitude * sineBlock(i);
            }
        }
        float[] out = new float[Math.max(0, all.length - promptFrames * 480)];
        System.arraycopy(all, all.length - out.length, out, 0, out.length);
        return out;
    }

    // ---- tokenizer.json -------------------------------------------------------------------------------

    /**
     * A GPT-2 byte-level tokenizer.json as Chatterbox Turbo's: the 256 byte tokens at their GPT-2 ids (no merges, so
     * words stay in single bytes), {@code <|endoftext|>} at 50256 and the 19 tags at 50257-50275
     * ({@link #TURBO_TAGS}), two {@code <|endoftext|>} appended.
     */
    public static void writeTurboTokenizer(Path file) throws IOException {
        StringBuilder vocab = new StringBuilder();
        int[] byteToChar = gpt2ByteChars();
        for (int b = 0; b < 256; b++) {
            vocab.append(b == 0 ? "" : ",").append(jsonString(new String(Character.toChars(byteToChar[b])))).append(':')
                    .append(gpt2ByteId(b));
        }
        // The model's vocabulary holds the added tokens too, at their ids: the tokenizer takes an added token's id from
        // there (it would number one missing there after the vocabulary's end).
        vocab.append(",\"<|endoftext|>\":50256");
        for (int i = 0; i < TURBO_TAGS.size(); i++) {
            vocab.append(',').append(jsonString(TURBO_TAGS.get(i))).append(':').append(50257 + i);
        }
        StringBuilder added = new StringBuilder("{\"id\":50256,\"content\":\"<|endoftext|>\",\"single_word\":false,"
                + "\"lstrip\":false,\"rstrip\":false,\"normalized\":true,\"special\":true}");
        for (int i = 0; i < TURBO_TAGS.size(); i++) {
            added.append(",{\"id\":").append(50257 + i).append(",\"content\":").append(jsonString(TURBO_TAGS.get(i)))
                    .append(",\"single_word\":false,\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":false}");
        }
        String template = "[{\"Sequence\":{\"id\":\"A\",\"type_id\":0}},{\"SpecialToken\":{\"id\":\"<|endoftext|>\",\"type_id\":0}},"
                + "{\"SpecialToken\":{\"id\":\"<|endoftext|>\",\"type_id\":0}}]";
        String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[" + added + "],"
                + "\"normalizer\":null,"
                + "\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true},"
                + "\"post_processor\":{\"type\":\"TemplateProcessing\",\"single\":" + template + ",\"pair\":" + template + ","
                + "\"special_tokens\":{\"<|endoftext|>\":{\"id\":\"<|endoftext|>\",\"ids\":[50256],\"tokens\":[\"<|endoftext|>\"]}}},"
                + "\"decoder\":{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true},"
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"continuing_subword_prefix\":\"\","
                + "\"end_of_word_suffix\":\"\",\"fuse_unk\":false,\"byte_fallback\":false,"
                + "\"vocab\":{" + vocab + "},\"merges\":[]}}";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    /**
     * GPT-2's {@code bytes_to_unicode}: printable bytes stand for themselves, the others for 256 + n in byte order.
     * Its id of a byte token is the byte's place in that list: the printable ones first (0-187), then the rest.
     */
    private static int[] gpt2ByteChars() {
        int[] chars = new int[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            chars[b] = gpt2Printable(b) ? b : 256 + n++;
        }
        return chars;
    }

    /** GPT-2's id of the single-byte token for {@code b} (a space, 32, is 220). */
    public static int gpt2ByteId(int b) {
        int id = 0;
        if (gpt2Printable(b)) {
            for (int x = 0; x < b; x++) {
                id += gpt2Printable(x) ? 1 : 0;
            }
            return id;
        }
        int printable = 0;
        for (int x = 0; x < 256; x++) {
            printable += gpt2Printable(x) ? 1 : 0;
        }
        for (int x = 0; x < b; x++) {
            id += gpt2Printable(x) ? 0 : 1;
        }
        return printable + id;
    }

    private static boolean gpt2Printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A character-level BPE tokenizer.json in the Hugging Face format, with the Chatterbox template. */
    public static void writeTokenizer(Path file) throws IOException {
        writeTokenizer(file, "", "");
    }

    /** The tokenizer with more added tokens and vocabulary (JSON fragments, each starting with a comma). */
    private static void writeTokenizer(Path file, String moreAdded, String moreVocab) throws IOException {
        String added = """
                {"id":0,"content":"[STOP]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
                {"id":1,"content":"[UNK]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
                {"id":2,"content":"[SPACE]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
                {"id":255,"content":"[START]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
                {"id":708,"content":"[en]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}""";
        String vocab = """
                "[STOP]":0,"[UNK]":1,"[SPACE]":2,".":9,"?":13,",":11,"!":12,"-":10,"'":8,"\\"":7,
                "H":21,"Y":38,"T":39,"a":40,"e":41,"o":42,"r":43,"s":44,"u":45,"w":46,"y":47,"l":50,"t":51,"i":52,
                "h":53,"n":54,"d":55,"g":56,"c":57,"m":58,"p":59,"ar":60,"es":61,"ow":69,"yo":70,"you":74,"are":127,
                "[START]":255,"[en]":708""" + moreVocab;
        String merges = "\"o w\",\"e s\",\"a r\",\"ar e\",\"y o\",\"yo u\"";
        String template = """
                [{"SpecialToken":{"id":"[EMOTION]","type_id":0}},{"SpecialToken":{"id":"[START]","type_id":0}},
                 {"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[STOP]","type_id":0}},
                 {"SpecialToken":{"id":"[START_SPEECH]","type_id":0}},{"SpecialToken":{"id":"[START_SPEECH]","type_id":0}}]""";
        String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[" + added + moreAdded + "],"
                + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Whitespace\"},"
                + "\"post_processor\":{\"type\":\"TemplateProcessing\",\"single\":" + template + ",\"pair\":" + template + ","
                + "\"special_tokens\":{"
                + "\"[EMOTION]\":{\"id\":\"[EMOTION]\",\"ids\":[6563],\"tokens\":[\"[EMOTION]\"]},"
                + "\"[START]\":{\"id\":\"[START]\",\"ids\":[255],\"tokens\":[\"[START]\"]},"
                + "\"[STOP]\":{\"id\":\"[STOP]\",\"ids\":[0],\"tokens\":[\"[STOP]\"]},"
                + "\"[START_SPEECH]\":{\"id\":\"[START_SPEECH]\",\"ids\":[6561],\"tokens\":[\"[START_SPEECH]\"]}}},"
                + "\"decoder\":null,"
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":null,"
                + "\"end_of_word_suffix\":null,\"fuse_unk\":false,\"byte_fallback\":false,"
                + "\"vocab\":{" + vocab + "},\"merges\":[" + merges + "]}}";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }
}
