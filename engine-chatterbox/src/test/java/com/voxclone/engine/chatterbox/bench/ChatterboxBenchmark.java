package com.voxclone.engine.chatterbox.bench;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.chatterbox.boundary.ChatterboxEngine;
import com.voxclone.engine.chatterbox.control.ModelDirectoryCheck;
import com.voxclone.engine.chatterbox.control.OnnxModels;
import com.voxclone.engine.chatterbox.control.PunctuationNormalizer;
import com.voxclone.engine.chatterbox.control.SpeechDecoder;
import com.voxclone.engine.chatterbox.control.SpeechTokenGenerator;
import com.voxclone.engine.chatterbox.control.TextFrontEnd;
import com.voxclone.engine.chatterbox.control.TokenSampler;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.DecodingOptions;
import com.voxclone.engine.chatterbox.entity.ModelFile;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.SamplingRules;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.chatterbox.testmodels.PerformanceTwin;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import java.nio.file.Path;
import java.util.Locale;

/**
 * First-chunk latency and real-time factor of the engine on the full-size performance twin (random weights, real
 * sizes; see {@link PerformanceTwin}), CPU only. Arguments: model directory (the twin is written there if absent),
 * reference seconds, speech tokens to generate, chunk size in samples. Prints Markdown table rows.
 */
public final class ChatterboxBenchmark {

    private static final String TEXT = "The quick brown fox jumps over the lazy dog while the rain falls on the quiet city streets.";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/chatterbox-twin");
        double referenceSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int chunkSize = args.length > 3 ? Integer.parseInt(args[3]) : 2048;

        if (!ModelDirectoryCheck.check(dir, ModelPrecision.FP32, false).ok()) {
            long t = System.nanoTime();
            PerformanceTwin.write(dir);
            System.err.printf(Locale.ROOT, "wrote performance twin to %s in %.1f s%n", dir, seconds(t));
        }
        ChatterboxConfig config = ChatterboxConfig.of(dir).withProvider("cpu")
                .withDecoding(DecodingOptions.defaults().withMaxNewTokens(tokens));
        float[] reference = new float[(int) (referenceSeconds * 24_000)];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = (float) (0.3 * Math.sin(i * 0.05) * (0.5 + 0.5 * Math.sin(i * 0.0007)));
        }

        long t = System.nanoTime();
        double load;
        double enrol;
        double firstChunk;
        double total;
        int samples;
        double lmStep;
        double decodeCall;
        try (ChatterboxEngine engine = new ChatterboxEngine(config)) {
            load = seconds(t);
            t = System.nanoTime();
            SpeakerConditioning voice = engine.enroll(java.util.List.of(new PcmAudio(reference, 24_000)));
            enrol = seconds(t);

            double[] first = {-1};
            int[] count = {0};
            VoiceSettings settings = new VoiceSettings(0.5, 0.5, chunkSize, 0.8, 1.0, 1L);
            long start = System.nanoTime();
            engine.synthesize(voice, TEXT, settings, chunk -> {
                if (first[0] < 0) {
                    first[0] = seconds(start);
                }
                count[0] += chunk.audio().samples().length;
            });
            total = seconds(start);
            firstChunk = first[0];
            samples = count[0];

            // Parts in isolation, on the same loaded files.
            try (OnnxModels models = OnnxModels.load(config); TextFrontEnd text = new TextFrontEnd(dir.resolve(ModelFile.TOKENIZER), dir.resolve(".cache"))) {
                VoicePrompt prompt = VoicePrompt.fromBytes(voice.data());
                long[] ids = text.encode(PunctuationNormalizer.normalize(TEXT));
                TokenSampler sampler = new TokenSampler(new SamplingRules(0.5, 1.2, 0.8, 0.05, 1.0, false), 1);
                t = System.nanoTime();
                int steps = 50;
                new SpeechTokenGenerator(models).generate(ids, prompt, 0.5f, sampler, steps, token -> { });
                lmStep = seconds(t) / steps;
                t = System.nanoTime();
                new SpeechDecoder(models).decode(prompt, new long[50]);
                decodeCall = seconds(t);
            }
        }
        double audio = samples / 24_000.0;
        System.out.println("| setting | value |");
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| reference / generated | %.1f s / %d tokens (%.2f s audio), chunk %d samples |%n", referenceSeconds, tokens, audio, chunkSize);
        System.out.printf(Locale.ROOT, "| model load (4 graphs) | %.1f s |%n", load);
        System.out.printf(Locale.ROOT, "| enrolment (speech encoder stand-in) | %.2f s |%n", enrol);
        System.out.printf(Locale.ROOT, "| first chunk latency | %.2f s |%n", firstChunk);
        System.out.printf(Locale.ROOT, "| total synthesis | %.2f s |%n", total);
        System.out.printf(Locale.ROOT, "| real-time factor (synthesis time / audio time) | %.2f |%n", total / audio);
        System.out.printf(Locale.ROOT, "| language model step, batch 2 (CFG), 50-step mean | %.1f ms (LM alone: RTF %.2f at 25 tokens/s) |%n", lmStep * 1000, lmStep * 25);
        System.out.printf(Locale.ROOT, "| one decoder call, prompt + 50 tokens (2 s) | %.2f s (= %.0f LM steps) |%n", decodeCall, decodeCall / lmStep);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
