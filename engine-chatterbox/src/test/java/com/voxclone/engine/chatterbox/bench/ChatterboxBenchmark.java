package com.voxclone.engine.chatterbox.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.chatterbox.boundary.ChatterboxEngine;
import com.voxclone.engine.chatterbox.control.ComputeSlots;
import com.voxclone.engine.chatterbox.control.ModelDirectoryCheck;
import com.voxclone.engine.chatterbox.control.OnnxModels;
import com.voxclone.engine.chatterbox.control.SpeakerEncoder;
import com.voxclone.engine.chatterbox.control.SpeechDecoder;
import com.voxclone.engine.chatterbox.control.SpeechTokenGenerator;
import com.voxclone.engine.chatterbox.control.TextFrontEnd;
import com.voxclone.engine.chatterbox.control.TokenSampler;
import com.voxclone.engine.chatterbox.entity.BatchingOptions;
import com.voxclone.engine.chatterbox.entity.BatchingReport;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.DecoderBatchingReport;
import com.voxclone.engine.chatterbox.entity.DecodingOptions;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.ModelFile;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.ModelVariant;
import com.voxclone.engine.chatterbox.entity.SamplingRules;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.chatterbox.testmodels.OnnxWriter;
import com.voxclone.engine.chatterbox.testmodels.PerformanceTwin;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine on the full-size performance twin (random weights, real sizes; see {@link PerformanceTwin}), on the CPU
 * unless {@code provider=cuda} (or {@code rocm}, {@code auto}) is given.
 * Prints Markdown: the language-model step in each precision (ratio to fp32, same run), first-chunk latency and
 * real-time factor of a sentence with streaming and without, under several decoder settings, and throughput with
 * 1, 4, 16 and 64 concurrent requests, continuous batching off and on.
 *
 * <p>Arguments ({@code key=value}, all optional): {@code dir} twin directory (written if absent), {@code precision}
 * language model measured for synthesis ({@code q4}), {@code reference} seconds of reference voice (10),
 * {@code tokens} speech tokens per sentence (250 = 10 s), {@code chunk} first chunk in samples (2048),
 * {@code cpu-chunk-tokens}, {@code cpu-prompt-seconds}, {@code cpu-context-tokens} and {@code cpu-chunk-growth} the
 * CPU-friendly decoder settings compared with the model's defaults (100, 4, 25, 2; growth may list several factors),
 * {@code whole-clip-prompts} further decoder prompts in seconds tried on whole clips (2),
 * {@code flow-steps} decoders with fewer flow-matching steps to compare (6,4; written as
 * {@code conditional_decoder_n<steps>}), {@code throughput-tokens} tokens per throughput request (50), {@code throughput-streaming}
 * whether those requests stream (false: whole clips, as jobs are made), {@code concurrency} (1,4,16,64), each with
 * continuous batching off and on, {@code batch-cache-mb} the batch's key/value cache budget (3072),
 * {@code concurrent-calls} prefill and decoder calls at once beside the batch (2), {@code decoder-batch} decoder calls
 * of the same shape run as one (8), {@code decoder-batches} batch sizes the decoder alone is measured at (1,4,8,16),
 * {@code sections} which parts to run (language-model,sentence,batched-language-model,batched-decoder,throughput;
 * also cache-copy, with {@code cache-positions} (350), not run by default),
 * {@code model} {@code chatterbox} (default) or
 * {@code chatterbox-turbo} (Turbo's twin, see {@link PerformanceTwin#writeTurbo}; its decoder has its own two steps, so
 * no flow-step variants by default).
 */
public final class ChatterboxBenchmark {

    private static final String TEXT = "The quick brown fox jumps over the lazy dog while the rain falls on the quiet city streets.";

    public static void main(String[] args) throws Exception {
        Map<String, String> arg = new HashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            arg.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        ModelFamily family = ModelFamily.byId(arg.getOrDefault("model", "chatterbox"));
        boolean turbo = family == ModelFamily.TURBO;
        Path dir = Path.of(arg.getOrDefault("dir", "target/chatterbox-twin"));
        ModelPrecision precision = ModelPrecision.parse(arg.getOrDefault("precision", "q4"));
        double referenceSeconds = Double.parseDouble(arg.getOrDefault("reference", "10"));
        int tokens = Integer.parseInt(arg.getOrDefault("tokens", "250"));
        int chunk = Integer.parseInt(arg.getOrDefault("chunk", "2048"));
        int cpuChunkTokens = Integer.parseInt(arg.getOrDefault("cpu-chunk-tokens", "100"));
        int cpuPromptSeconds = Integer.parseInt(arg.getOrDefault("cpu-prompt-seconds", "4"));
        int[] concurrency = Arrays.stream(arg.getOrDefault("concurrency", "1,4,16,64").split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> sections = list(arg.getOrDefault("sections", "language-model,sentence,batched-language-model,batched-decoder,throughput"));

        for (ModelPrecision p : List.of(ModelPrecision.FP32, precision)) {
            if (!ModelDirectoryCheck.check(dir, ModelVariant.of(p), false).ok()) {
                long t = System.nanoTime();
                if (p == ModelPrecision.FP32) {
                    if (turbo) {
                        PerformanceTwin.writeTurbo(dir);
                    } else {
                        PerformanceTwin.write(dir);
                    }
                } else {
                    PerformanceTwin.writeLanguageModel(dir, p, turbo ? PerformanceTwin.Architecture.GPT2_MEDIUM : PerformanceTwin.Architecture.LLAMA);
                }
                System.err.printf(Locale.ROOT, "wrote the %s performance twin to %s in %.1f s%n", p.label(), dir, seconds(t));
            }
        }
        float[] reference = new float[(int) (referenceSeconds * 24_000)];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = (float) (0.3 * Math.sin(i * 0.05) * (0.5 + 0.5 * Math.sin(i * 0.0007)));
        }
        ChatterboxConfig base = ChatterboxConfig.of(dir).withProvider(arg.getOrDefault("provider", "cpu"));
        String lmUnit = turbo ? "one language-model step (Turbo has no guidance row), mean of 50"
                : "one language-model step, batch 2 (guidance), mean of 50";
        System.out.println("Model: " + family.id() + " (" + family.defaultModelId() + " twin)");
        System.out.println();

        if (sections.contains("language-model")) {
            System.out.println("#### Language model");
            System.out.println();
            System.out.println("| precision | provider really used | load (4 graphs) | " + lmUnit + " | x fp32 | language model alone, real-time factor |");
            System.out.println("|---|---|---|---|---|---|");
            double fp32Step = 0;
            for (ModelPrecision p : List.of(ModelPrecision.FP32, precision)) {
                long t = System.nanoTime();
                try (OnnxModels models = OnnxModels.load(base.withPrecision(p))) {
                    double load = seconds(t);
                    double step = languageModelStep(models, dir, reference, family);
                    fp32Step = p == ModelPrecision.FP32 ? step : fp32Step;
                    System.out.printf(Locale.ROOT, "| %s | %s | %.1f s | %.1f ms | %.2f | %.2f |%n", p.label(), models.provider(), load, step * 1000, step / fp32Step,
                            step * DecodingOptions.TOKENS_PER_SECOND);
                }
            }
        }
        if (sections.contains("sentence")) {
            System.out.println();
            System.out.printf(Locale.ROOT, "#### One sentence: %.0f s reference, %d tokens (%.1f s of speech), language model %s%n%n",
                    referenceSeconds, tokens, tokens / 25.0, precision.label());
            System.out.println("| decoder (flow steps) | decoding | decoder prompt | first audio | total | real-time factor "
                    + "| waits while playing |");
            System.out.println("|---|---|---|---|---|---|---|");
            DecodingOptions modelDefaults = DecodingOptions.defaults().withMaxNewTokens(tokens);
            // The CPU-friendly rows may also decode each chunk with less context before it (cpu-context-tokens) and
            // let each chunk grow by other factors than doubling (cpu-chunk-growth: one streamed row each).
            int cpuContext = Integer.parseInt(arg.getOrDefault("cpu-context-tokens", String.valueOf(modelDefaults.contextTokens())));
            List<Integer> cpuGrowths = list(arg.getOrDefault("cpu-chunk-growth", String.valueOf(modelDefaults.chunkGrowth())))
                    .stream().map(g -> Integer.parseInt(g.trim())).toList();
            DecodingOptions cpuDecoding = withContext(modelDefaults, cpuContext).withChunkGrowth(cpuGrowths.get(0));
            DecodingOptions cpuPrompt = cpuDecoding.withDecoderLimits(cpuChunkTokens, cpuPromptSeconds);
            String published = ModelVariant.DEFAULT_DECODER;
            List<Scenario> scenarios = new ArrayList<>(List.of(
                    new Scenario(published, "streaming, chunks up to 25 tokens (default)", modelDefaults, true),
                    new Scenario(published, "whole clip", modelDefaults, false),
                    new Scenario(published, cpuStreaming(cpuPrompt, modelDefaults), cpuDecoding.withDecoderLimits(cpuChunkTokens, 10), true)));
            for (int growth : cpuGrowths) {
                DecodingOptions grown = cpuPrompt.withChunkGrowth(growth);
                scenarios.add(new Scenario(published, cpuStreaming(grown, modelDefaults), grown, true));
            }
            scenarios.add(new Scenario(published, "whole clip", cpuPrompt, false));
            String cpuStreaming = cpuStreaming(cpuPrompt, modelDefaults);
            for (String seconds : list(arg.getOrDefault("whole-clip-prompts", "2"))) {
                scenarios.add(new Scenario(published, "whole clip", modelDefaults.withDecoderLimits(cpuChunkTokens, Integer.parseInt(seconds.trim())), false));
            }
            for (String steps : list(arg.getOrDefault("flow-steps", turbo ? "" : "6,4"))) {
                String decoder = published + "_n" + steps.trim();
                if (!ModelDirectoryCheck.check(dir, new ModelVariant(precision, decoder), false).ok()) {
                    PerformanceTwin.writeDecoder(dir, decoder, Integer.parseInt(steps.trim()));
                }
                scenarios.add(new Scenario(decoder, "whole clip", modelDefaults, false));
                scenarios.add(new Scenario(decoder, cpuStreaming, cpuPrompt, true));
                scenarios.add(new Scenario(decoder, "whole clip", cpuPrompt, false));
            }
            // One engine per configuration (loading the decoder takes tens of seconds); a whole clip ignores the chunk limit.
            Map<ChatterboxConfig, List<Scenario>> byEngine = new LinkedHashMap<>();
            for (Scenario s : scenarios) {
                DecodingOptions key = s.streaming() ? s.decoding() : s.decoding().withDecoderLimits(cpuChunkTokens, s.decoding().decoderPromptSeconds());
                ChatterboxConfig config = base.withPrecision(precision).withDecoder(s.decoder()).withDecoding(key);
                byEngine.computeIfAbsent(config, c -> new ArrayList<>()).add(s);
            }
            for (Map.Entry<ChatterboxConfig, List<Scenario>> group : byEngine.entrySet()) {
                try (ChatterboxEngine engine = new ChatterboxEngine(group.getKey())) {
                    SpeakerConditioning voice = engine.enroll(List.of(new PcmAudio(reference, 24_000)));
                    for (Scenario s : group.getValue()) {
                        Timing timing = speak(engine, voice, chunk, s.streaming());
                        System.out.printf(Locale.ROOT, "| %s (%s) | %s | %d s | %s | %.1f s | %.2f | %s |%n", s.decoder(),
                                turbo ? "2, Turbo's" : flowSteps(s.decoder()), s.name(),
                                s.decoding().decoderPromptSeconds(),
                                s.streaming() ? String.format(Locale.ROOT, "%.2f s", timing.firstAudio()) : "(at the end)",
                                timing.total(), timing.total() / timing.audioSeconds(),
                                s.streaming() ? String.format(Locale.ROOT, "%.1f s in %d", timing.stalledSeconds(), timing.stalls()) : "-");
                    }
                }
            }
        }
        if (sections.contains("batched-language-model")) {
            languageModelBatched(arg, base.withPrecision(precision), dir, reference, family, concurrency);
        }
        if (sections.contains("cache-copy")) {
            cacheCopy(arg, turbo ? 24 : 30, concurrency);
        }
        if (sections.contains("batched-decoder")) {
            decoderBatched(arg, base.withPrecision(precision), reference, cpuPromptSeconds, turbo);
        }
        if (sections.contains("throughput")) {
            throughput(arg, base.withPrecision(precision), reference, chunk, cpuChunkTokens, cpuPromptSeconds, concurrency);
        }
    }

    /**
     * Aggregate speech per wall second with 1, 4, 16 … requests at once, with continuous batching off (one request on
     * the device at a time, the others waiting: the default configuration) and on (all on the device, their
     * language-model steps in one batch), in the same run. The ratio column divides by the single request with
     * batching off.
     */
    private static void throughput(Map<String, String> arg, ChatterboxConfig model, float[] reference, int chunk, int cpuChunkTokens,
                                   int cpuPromptSeconds, int[] concurrency) throws Exception {
        int throughputTokens = Integer.parseInt(arg.getOrDefault("throughput-tokens", "50"));
        boolean streaming = Boolean.parseBoolean(arg.getOrDefault("throughput-streaming", "false"));
        long cacheBudget = Long.parseLong(arg.getOrDefault("batch-cache-mb", "3072")) << 20;
        int most = Arrays.stream(concurrency).max().orElse(1);
        int calls = Integer.parseInt(arg.getOrDefault("concurrent-calls", "2"));
        int decoderBatch = Integer.parseInt(arg.getOrDefault("decoder-batch", "8"));
        System.out.println();
        System.out.printf(Locale.ROOT, "#### Throughput: requests of %d tokens (%.1f s of speech), %s, decoder prompt %d s%n%n", throughputTokens,
                throughputTokens / 25.0, streaming ? "streaming with chunks up to " + cpuChunkTokens + " tokens" : "whole clips", cpuPromptSeconds);
        System.out.println("Batching off: one request on the device at a time, the others waiting (the default configuration). Batching on: "
                + "all requests on the device, their language-model steps run as one batch (up to " + most + " requests, caches up to "
                + (cacheBudget >> 20) + " MB), at most " + calls + " of their prefill and decoder calls at once, decoder calls of the same shape that wait "
                + "together run as one (up to " + decoderBatch + "). \"x single\" divides by the single request with batching off. \"language-model steps\" is the "
                + "time the batch's thread spent stepping (share of the wall time); prefills and the decoder run on the requests' own threads.");
        System.out.println();
        System.out.println("| concurrent requests | batching | wall time | speech per wall second | x single | first audio, median / max "
                + "| request time, median / max | mean batch | language-model steps | cache re-layout | mean decoder batch |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        ChatterboxConfig serving = model.withDecoding(DecodingOptions.defaults().withMaxNewTokens(throughputTokens)
                .withDecoderLimits(cpuChunkTokens, cpuPromptSeconds));
        double single = 0;
        try (ChatterboxEngine off = new ChatterboxEngine(serving.withConcurrency(1, Duration.ofHours(1)).withBatching(BatchingOptions.off()));
             ChatterboxEngine on = new ChatterboxEngine(serving.withConcurrency(most, Duration.ofHours(1))
                     .withBatching(new BatchingOptions(Math.max(2, most), cacheBudget, calls, decoderBatch)))) {
            SpeakerConditioning voice = off.enroll(List.of(new PcmAudio(reference, 24_000)));
            // One request on each engine first, unmeasured: the first runs of a session are slower.
            speak(off, voice, chunk, streaming);
            speak(on, voice, chunk, streaming);
            for (int n : concurrency) {
                for (ChatterboxEngine engine : n == 1 ? List.of(off) : List.of(off, on)) {
                    BatchingReport before = engine.batchingReport();
                    DecoderBatchingReport decoderBefore = engine.decoderBatchingReport();
                    Load load = load(engine, voice, chunk, streaming, n);
                    BatchingReport after = engine.batchingReport();
                    DecoderBatchingReport decoderAfter = engine.decoderBatchingReport();
                    single = n == 1 ? load.speechPerSecond() : single;
                    boolean batched = engine == on;
                    long steps = after.steps() - before.steps();
                    double stepSeconds = after.stepSeconds() - before.stepSeconds();
                    System.out.printf(Locale.ROOT, "| %d | %s | %.1f s | %.3f s | %.2f | %.1f / %.1f s | %.1f / %.1f s | %s | %s | %s | %s |%n", n,
                            batched ? "on" : "off", load.wall(), load.speechPerSecond(), load.speechPerSecond() / single,
                            load.firstMedian(), load.firstMax(), load.totalMedian(), load.totalMax(),
                            batched ? String.format(Locale.ROOT, "%.1f", (after.requestSteps() - before.requestSteps()) / (double) steps) : "1",
                            batched ? String.format(Locale.ROOT, "%.1f s (%.0f %%)", stepSeconds, 100 * stepSeconds / load.wall()) : "-",
                            batched ? String.format(Locale.ROOT, "%.2f s", after.layoutSeconds() - before.layoutSeconds()) : "-",
                            batched ? String.format(Locale.ROOT, "%.1f", (decoderAfter.requests() - decoderBefore.requests())
                                    / (double) Math.max(1, decoderAfter.calls() - decoderBefore.calls())) : "1");
                }
            }
        }
    }

    /**
     * Where batching can win: the language model alone (prefill and steps, no decoder), {@code n} requests at once in
     * one batch against one request alone, same engine configuration, same run.
     */
    private static void languageModelBatched(Map<String, String> arg, ChatterboxConfig config, Path dir, float[] reference, ModelFamily family,
                                             int[] concurrency) throws Exception {
        int tokens = Integer.parseInt(arg.getOrDefault("throughput-tokens", "50"));
        long cacheBudget = Long.parseLong(arg.getOrDefault("batch-cache-mb", "3072")) << 20;
        int calls = Integer.parseInt(arg.getOrDefault("concurrent-calls", "2"));
        int most = Arrays.stream(concurrency).max().orElse(1);
        boolean turbo = family == ModelFamily.TURBO;
        System.out.println();
        System.out.printf(Locale.ROOT, "#### Language model alone (prefill and %d steps per request, no decoder), %s%n%n", tokens,
                turbo ? "one row per request" : "two rows per request (guidance)");
        System.out.println("| concurrent requests | batching | wall time | speech tokens per second | x one request | mean batch | steps | cache re-layout |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        try (OnnxModels models = OnnxModels.load(config);
             TextFrontEnd text = new TextFrontEnd(dir.resolve(ModelFile.TOKENIZER), dir.resolve(".cache"), family);
             SpeechTokenGenerator alone = new SpeechTokenGenerator(models);
             SpeechTokenGenerator batched = new SpeechTokenGenerator(models, new BatchingOptions(Math.max(2, most), cacheBudget, calls, 1),
                     new ComputeSlots(calls))) {
            VoicePrompt prompt = new SpeakerEncoder(models, "twin").encode(reference);
            long[] ids = text.encode(text.normalize(TEXT));
            SamplingRules rules = new SamplingRules(turbo ? 0 : 0.5, 1.2, 0.8, turbo ? 0 : 0.05, 1.0, false);
            Callable<Integer> one = () -> alone.generate(ids, prompt, 0.5f, new TokenSampler(rules, 1), tokens, t -> { }).tokens().size();
            Callable<Integer> inBatch = () -> batched.generate(ids, prompt, 0.5f, new TokenSampler(rules, 1), tokens, t -> { }).tokens().size();
            one.call();
            inBatch.call();
            double single = 0;
            for (int n : concurrency) {
                BatchingReport before = batched.batchingReport();
                ExecutorService pool = Executors.newFixedThreadPool(n);
                try {
                    long start = System.nanoTime();
                    List<Future<Integer>> runs = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        runs.add(pool.submit(n == 1 ? one : inBatch));
                    }
                    int made = 0;
                    for (Future<Integer> r : runs) {
                        made += r.get();
                    }
                    double wall = seconds(start);
                    single = n == 1 ? made / wall : single;
                    BatchingReport after = batched.batchingReport();
                    long steps = after.steps() - before.steps();
                    System.out.printf(Locale.ROOT, "| %d | %s | %.1f s | %.1f | %.2f | %s | %s | %s |%n", n, n == 1 ? "off" : "on", wall, made / wall,
                            made / wall / single,
                            n == 1 ? "1" : String.format(Locale.ROOT, "%.1f", (after.requestSteps() - before.requestSteps()) / (double) steps),
                            n == 1 ? "-" : String.format(Locale.ROOT, "%.1f s", after.stepSeconds() - before.stepSeconds()),
                            n == 1 ? "-" : String.format(Locale.ROOT, "%.2f s", after.layoutSeconds() - before.layoutSeconds()));
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    /**
     * Where decoder batching can win: {@code n} decoder calls of the throughput requests' shape (their tokens after the
     * decoder prompt) one after another, against the same {@code n} as one graph call, same graph, same run.
     */
    private static void decoderBatched(Map<String, String> arg, ChatterboxConfig config, float[] reference, int promptSeconds,
                                       boolean turbo) throws Exception {
        int tokens = Integer.parseInt(arg.getOrDefault("throughput-tokens", "50")) + (turbo ? 3 : 0);
        int[] sizes = Arrays.stream(arg.getOrDefault("decoder-batches", "1,4,8,16").split(",")).mapToInt(Integer::parseInt).toArray();
        System.out.println();
        System.out.printf(Locale.ROOT, "#### Decoder alone: calls of %d new tokens after a %d s decoder prompt%n%n", tokens, promptSeconds);
        System.out.println("| calls | one after another | as one graph call | per call, one after another | per call, as one | x one after another |");
        System.out.println("|---|---|---|---|---|---|");
        try (OnnxModels models = OnnxModels.load(config)) {
            VoicePrompt prompt = new SpeakerEncoder(models, "twin").encode(reference);
            SpeechDecoder decoder = new SpeechDecoder(models, promptSeconds * DecodingOptions.TOKENS_PER_SECOND);
            long[] speech = new long[tokens];
            for (int i = 0; i < tokens; i++) {
                speech[i] = i * 37L % 6561;
            }
            SpeechDecoder.Input input = decoder.input(prompt, speech);
            decoder.decode(List.of(input));
            for (int n : sizes) {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    decoder.decode(List.of(input));
                }
                double apart = seconds(start);
                start = System.nanoTime();
                decoder.decode(Collections.nCopies(n, input));
                double together = seconds(start);
                System.out.printf(Locale.ROOT, "| %d | %.2f s | %.2f s | %.0f ms | %.0f ms | %.2f |%n", n, apart, together, apart / n * 1000,
                        together / n * 1000, apart / together);
            }
        }
    }

    /**
     * What a language-model step spends on its key/value cache alone: a graph of only the step's cache work (each
     * layer's present key and value = its past with one position appended, 16 heads of 64 float32 values), at the
     * language model's layer count, for 1, 4, 16 … rows of {@code cache-positions} positions. Set against the
     * batched-language-model section's step times, it shows how much of a batched step is copying caches.
     */
    private static void cacheCopy(Map<String, String> arg, int layers, int[] rowCounts) throws Exception {
        int positions = Integer.parseInt(arg.getOrDefault("cache-positions", "350"));
        long heads = 16;
        long headDim = 64;
        OnnxWriter g = new OnnxWriter();
        for (int i = 0; i < 2 * layers; i++) {
            g.input("past_" + i, OnnxWriter.FLOAT, "rows", heads, "positions", headDim);
            g.input("new_" + i, OnnxWriter.FLOAT, "rows", heads, 1L, headDim);
            g.node("Concat", new String[] {"past_" + i, "new_" + i}, "present_" + i, "axis", 2L);
            g.output("present_" + i, OnnxWriter.FLOAT, "rows", heads, "total", headDim);
        }
        Path file = Files.createTempFile("cache-copy", ".onnx");
        System.out.println();
        System.out.printf(Locale.ROOT, "#### Cache copy alone: %d layers, key and value, %d positions + 1, float32, mean of 10 steps%n%n", layers, positions);
        System.out.println("| rows | cache per step (in + out) | time per step | per row | bandwidth |");
        System.out.println("|---|---|---|---|---|");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            g.save(file, Integer.MAX_VALUE);
            try (OrtSession session = OnnxModels.environment().createSession(file.toString(), options)) {
                for (int rows : rowCounts) {
                    Map<String, OnnxTensor> inputs = new HashMap<>();
                    try {
                        for (int i = 0; i < 2 * layers; i++) {
                            inputs.put("past_" + i, zeros(new long[] {rows, heads, positions, headDim}));
                            inputs.put("new_" + i, zeros(new long[] {rows, heads, 1, headDim}));
                        }
                        session.run(inputs).close();
                        long start = System.nanoTime();
                        for (int r = 0; r < 10; r++) {
                            session.run(inputs).close();
                        }
                        double step = seconds(start) / 10;
                        double bytes = 2.0 * layers * rows * heads * headDim * 4 * (2L * positions + 1);
                        System.out.printf(Locale.ROOT, "| %d | %.0f MB | %.1f ms | %.1f ms | %.1f GB/s |%n", rows, bytes / 1e6, step * 1000,
                                step * 1000 / rows, bytes / step / 1e9);
                    } finally {
                        inputs.values().forEach(OnnxTensor::close);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static OnnxTensor zeros(long[] shape) throws Exception {
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        FloatBuffer buffer = ByteBuffer.allocateDirect((int) count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        return OnnxTensor.createTensor(OnnxModels.environment(), buffer, shape);
    }

    /** {@code n} requests at once: wall time, speech made, and each request's first-audio and total times. */
    private record Load(double wall, double speechPerSecond, double firstMedian, double firstMax, double totalMedian, double totalMax) {
    }

    private static Load load(ChatterboxEngine engine, SpeakerConditioning voice, int chunk, boolean streaming, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            long start = System.nanoTime();
            List<Future<Timing>> requests = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                requests.add(pool.submit(() -> speak(engine, voice, chunk, streaming)));
            }
            List<Timing> done = new ArrayList<>();
            for (Future<Timing> r : requests) {
                done.add(r.get());
            }
            double wall = seconds(start);
            double speech = done.stream().mapToDouble(Timing::audioSeconds).sum();
            double[] first = done.stream().mapToDouble(Timing::firstAudio).sorted().toArray();
            double[] total = done.stream().mapToDouble(Timing::total).sorted().toArray();
            return new Load(wall, speech / wall, median(first), first[first.length - 1], median(total), total[total.length - 1]);
        } finally {
            pool.shutdownNow();
        }
    }

    /** How the CPU-friendly streamed rows decode, in words: what differs from the model's defaults. */
    private static String cpuStreaming(DecodingOptions d, DecodingOptions modelDefaults) {
        return "streaming, chunks up to " + d.maxChunkTokens() + " tokens"
                + (d.chunkGrowth() == modelDefaults.chunkGrowth() ? "" : ", each " + d.chunkGrowth() + "x the one before")
                + (d.contextTokens() == modelDefaults.contextTokens() ? "" : ", " + d.contextTokens() + " tokens of context");
    }

    /** One measured synthesis: which decoder graph, how it decodes, streaming or a whole clip. */
    private record Scenario(String decoder, String name, DecodingOptions decoding, boolean streaming) {
    }

    private static DecodingOptions withContext(DecodingOptions d, int contextTokens) {
        return new DecodingOptions(d.repetitionPenalty(), d.minP(), d.topP(), d.greedy(), d.maxNewTokens(), contextTokens, d.maxChunkTokens(),
                d.chunkGrowth(), d.decoderPromptSeconds());
    }

    /** A comma-separated argument; empty means none. */
    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static String flowSteps(String decoder) {
        int n = decoder.lastIndexOf("_n");
        return n < 0 ? "10" : decoder.substring(n + 2);
    }

    /** When the first audio arrived, how long the whole request took, and how much speech it produced. */
    /**
     * One synthesis: when its first audio came, how long it took, how much audio it made, and how often and for how
     * long a listener who starts playing at the first audio waits for the next chunk.
     */
    private record Timing(double firstAudio, double total, double audioSeconds, int stalls, double stalledSeconds) {
    }

    private static Timing speak(ChatterboxEngine engine, SpeakerConditioning voice, int chunk, boolean streaming) {
        VoiceSettings settings = new VoiceSettings(0.5, 0.5, chunk, 0.8, 1.0, 1L);
        long start = System.nanoTime();
        if (!streaming) {
            PcmAudio all = engine.synthesizeAll(voice, TEXT, settings);
            double total = seconds(start);
            for (float sample : all.samples()) {
                if (!Float.isFinite(sample)) {
                    throw new IllegalStateException("the twin produced a non-finite sample; its timings would not be representative");
                }
            }
            return new Timing(total, total, all.durationSeconds(), 0, 0);
        }
        double[] first = {-1};
        int[] samples = {0};
        // Playback: each chunk plays when it has come and the one before has been played.
        double[] playedUntil = {0};
        double[] stalled = {0};
        int[] stalls = {0};
        engine.synthesize(voice, TEXT, settings, c -> {
            double now = seconds(start);
            int length = c.audio().samples().length;
            if (length == 0) {
                return;
            }
            if (first[0] < 0) {
                first[0] = now;
                playedUntil[0] = now;
            } else if (now > playedUntil[0]) {
                stalls[0]++;
                stalled[0] += now - playedUntil[0];
                playedUntil[0] = now;
            }
            playedUntil[0] += length / 24_000.0;
            samples[0] += length;
        });
        return new Timing(first[0], seconds(start), samples[0] / 24_000.0, stalls[0], stalled[0]);
    }

    /** Mean time of 50 language-model steps after the prefix, on a voice enrolled from {@code reference}. */
    private static double languageModelStep(OnnxModels models, Path dir, float[] reference, ModelFamily family) throws Exception {
        try (TextFrontEnd text = new TextFrontEnd(dir.resolve(ModelFile.TOKENIZER), dir.resolve(".cache"), family)) {
            VoicePrompt prompt = new SpeakerEncoder(models, "twin").encode(reference);
            long[] ids = text.encode(text.normalize(TEXT));
            SpeechTokenGenerator generator = new SpeechTokenGenerator(models);
            TokenSampler sampler = new TokenSampler(new SamplingRules(0.5, 1.2, 0.8, 0.05, 1.0, false), 1);
            generator.generate(ids, prompt, 0.5f, sampler, 5, token -> { });
            int steps = 50;
            long t = System.nanoTime();
            generator.generate(ids, prompt, 0.5f, sampler, steps, token -> { });
            return seconds(t) / steps;
        }
    }

    private static double median(double[] sorted) {
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
