package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.chatterbox.entity.BatchingOptions;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import com.voxclone.engine.chatterbox.entity.SamplingRules;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Continuous batching gives each request exactly the tokens it gets alone with the same seed: requests of different
 * lengths join and leave a running batch, with and without guidance rows, with a float16 cache, and with Turbo's
 * position ids. The stand-in language models here read their caches (see {@link StandInModels.Spec#readsCache()}),
 * so a cache moved out of place, or padding left visible, changes the tokens.
 */
class ContinuousBatchingTest {

    /** The stand-in answers the stop token when the mask holds this many ones: requests end at different steps. */
    static final int STOP_TOTAL = 33 + 60;

    @TempDir
    static Path dir;

    enum Model {
        ORIGINAL_WITH_GUIDANCE(0.5), ORIGINAL_WITHOUT_GUIDANCE(0), ORIGINAL_FP16_CACHE(0.5), TURBO(0);

        final double cfgWeight;

        Model(double cfgWeight) {
            this.cfgWeight = cfgWeight;
        }
    }

    static final Map<Model, OnnxModels> LOADED = new EnumMap<>(Model.class);

    @BeforeAll
    static void write() throws Exception {
        for (Model m : Model.values()) {
            Path at = dir.resolve(m.name());
            switch (m) {
                case TURBO -> StandInModels.writeTurboDirectory(at, new StandInModels.Spec(8, 2, 4, 24, STOP_TOTAL, false, "", -1)
                        .readingTheCache(), StandInModels.EXTERNAL_FROM_BYTES);
                case ORIGINAL_FP16_CACHE -> StandInModels.writeModelDirectory(at, StandInModels.Spec.small(STOP_TOTAL).withFp16Cache().readingTheCache());
                default -> StandInModels.writeModelDirectory(at, StandInModels.Spec.small(STOP_TOTAL).readingTheCache());
            }
            LOADED.put(m, OnnxModels.load(ChatterboxConfig.of(at).withProvider("cpu")
                    .withPrecision(m == Model.ORIGINAL_FP16_CACHE ? ModelPrecision.FP16 : ModelPrecision.FP32)));
        }
    }

    @AfterAll
    static void close() {
        LOADED.values().forEach(OnnxModels::close);
    }

    /** One request: its text ids, voice and seed, all different so that the requests' caches differ in length. */
    record Request(long[] ids, VoicePrompt voice, long seed) {
    }

    static List<Request> requests(Model model, int count) throws Exception {
        OnnxModels models = LOADED.get(model);
        List<Request> requests = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int i = n;
            // Turbo's prefix grows with the reference (one row per 40 ms); the original's has a fixed 33 rows.
            float[] reference = new float[24_000 + i * 4_800];
            for (int t = 0; t < reference.length; t++) {
                reference[t] = (float) (0.2 * Math.sin(t * (0.01 + i * 0.003)));
            }
            VoicePrompt voice = new SpeakerEncoder(models, "test").encode(reference);
            long[] ids = model == Model.TURBO
                    ? IntStream.range(0, 4 + 3 * i).mapToLong(t -> 40 + 17 * t + i).toArray()
                    : concat(new long[] {6563, 255}, IntStream.range(0, 2 + 3 * i).mapToLong(t -> 21 + 5 * t + i).toArray(), new long[] {0, 6561, 6561});
            requests.add(new Request(ids, voice, 11 + i));
        }
        return requests;
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
    }

    static TokenSampler sampler(Model model, long seed) {
        return new TokenSampler(new SamplingRules(model.cfgWeight, 1.2, 0.8, model == Model.TURBO ? 0 : 0.05, 1.0, false), seed);
    }

    /** Everything a request's listener is told: its tokens and, after each step, its cache length. */
    static final class Recorder implements SpeechTokenGenerator.Listener {
        final List<Integer> tokens = new ArrayList<>();
        final List<Long> cache = new ArrayList<>();

        @Override
        public void token(int token) throws OrtException {
            tokens.add(token);
        }

        @Override
        public void step(int step, long cacheLength) {
            cache.add(cacheLength);
        }
    }

    static Recorder alone(Model model, Request r) throws Exception {
        Recorder recorder = new Recorder();
        new SpeechTokenGenerator(LOADED.get(model)).generate(r.ids(), r.voice(), 0.5f, sampler(model, r.seed()), 200, recorder);
        return recorder;
    }

    @ParameterizedTest
    @EnumSource(Model.class)
    void requestsJoiningAndLeavingARunningBatchGetTheTokensTheyGetAlone(Model model) throws Exception {
        OnnxModels models = LOADED.get(model);
        List<Request> requests = requests(model, 3);
        int[] joinAtStep = {0, 4, 9};
        SpeechTokenGenerator generator = new SpeechTokenGenerator(models);
        List<Recorder> batched = new ArrayList<>();
        List<GenerationSequence> sequences = new ArrayList<>();
        int largest = 0;
        try (DecodeBatch batch = new DecodeBatch(models)) {
            for (int step = 0; step < 1000; step++) {
                for (int i = 0; i < requests.size(); i++) {
                    if (joinAtStep[i] == step) {
                        Request r = requests.get(i);
                        Recorder recorder = new Recorder();
                        GenerationSequence s = new GenerationSequence(model.cfgWeight > 0 ? 2 : 1, 0.5f, sampler(model, r.seed()), 200, recorder);
                        batch.join(s, generator.prefill(s, r.ids(), r.voice()));
                        batched.add(recorder);
                        sequences.add(s);
                    }
                }
                batch.settle();
                if (batch.isEmpty() && sequences.size() == requests.size()) {
                    break;
                }
                largest = Math.max(largest, batch.stepping());
                batch.step();
            }
        }
        assertEquals(3, largest, "all three requests were in one step");
        for (int i = 0; i < requests.size(); i++) {
            Recorder expected = alone(model, requests.get(i));
            assertTrue(expected.tokens.size() > 10, "request " + i + " generates enough to overlap the others");
            assertEquals(expected.tokens, batched.get(i).tokens, "tokens of request " + i);
            assertEquals(expected.cache, batched.get(i).cache, "cache lengths of request " + i);
            assertTrue(sequences.get(i).outcome().stopped());
        }
        assertNotEquals(batched.get(0).tokens.size(), batched.get(2).tokens.size(), "the requests end at different steps");
    }

    /** Runs the requests at once on their own threads through a batching generator; returns each one's tokens. */
    static List<Future<Recorder>> runTogether(SpeechTokenGenerator generator, Model model, List<Request> requests,
                                              List<SpeechTokenGenerator.Listener> extra, ExecutorService pool) {
        List<Future<Recorder>> futures = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Request r = requests.get(i);
            SpeechTokenGenerator.Listener also = extra.get(i);
            Callable<Recorder> call = () -> {
                Recorder recorder = new Recorder();
                generator.generate(r.ids(), r.voice(), 0.5f, sampler(model, r.seed()), 200, new SpeechTokenGenerator.Listener() {
                    @Override
                    public void token(int token) throws OrtException {
                        recorder.token(token);
                        also.token(token);
                    }

                    @Override
                    public void step(int step, long cacheLength) {
                        recorder.step(step, cacheLength);
                    }
                });
                return recorder;
            };
            futures.add(pool.submit(call));
        }
        return futures;
    }

    static List<SpeechTokenGenerator.Listener> listeningToNothing(int requests) {
        return Collections.nCopies(requests, t -> { });
    }

    /** Each request's tokens and cache lengths are those it gets alone. */
    static void assertEachAsAlone(Model model, List<Request> requests, List<Future<Recorder>> together, String when) throws Exception {
        for (int i = 0; i < requests.size(); i++) {
            Recorder expected = alone(model, requests.get(i));
            Recorder got = together.get(i).get();
            assertEquals(expected.tokens, got.tokens, "tokens of request " + i + when);
            assertEquals(expected.cache, got.cache, "cache lengths of request " + i + when);
        }
    }

    @Test
    void concurrentRequestsThroughTheBatchingThreadGetTheirOwnTokensAndShareSteps() throws Exception {
        Model model = Model.ORIGINAL_WITH_GUIDANCE;
        List<Request> requests = requests(model, 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SpeechTokenGenerator generator = new SpeechTokenGenerator(LOADED.get(model), BatchingOptions.defaults(), new ComputeSlots(2))) {
            assertEachAsAlone(model, requests, runTogether(generator, model, requests, listeningToNothing(4), pool), "");
            assertTrue(generator.batchingReport().steps() > 0, "the steps ran in the batch");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestWhoseListenerFailsOrWhoseThreadIsInterruptedEndsAloneAndTheOthersGoOn() throws Exception {
        Model model = Model.ORIGINAL_WITH_GUIDANCE;
        List<Request> requests = requests(model, 3);
        IllegalStateException decoderFailure = new IllegalStateException("the decoder failed");
        int[] seen = new int[3];
        List<SpeechTokenGenerator.Listener> extra = List.of(
                t -> { },
                t -> {
                    if (++seen[1] == 5) {
                        throw decoderFailure;
                    }
                },
                t -> {
                    if (++seen[2] == 3) {
                        Thread.currentThread().interrupt();
                    }
                });
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (SpeechTokenGenerator generator = new SpeechTokenGenerator(LOADED.get(model), BatchingOptions.defaults(), new ComputeSlots(2))) {
            List<Future<Recorder>> futures = runTogether(generator, model, requests, extra, pool);
            assertEquals(alone(model, requests.get(0)).tokens, futures.get(0).get().tokens);
            ExecutionException failed = assertThrows(ExecutionException.class, () -> futures.get(1).get());
            assertSame(decoderFailure, failed.getCause());
            ExecutionException interrupted = assertThrows(ExecutionException.class, () -> futures.get(2).get());
            assertTrue(interrupted.getCause() instanceof EngineException e && e.retryable(), String.valueOf(interrupted.getCause()));

            // The slots are free again: the same requests run once more, to the end.
            assertEachAsAlone(model, requests, runTogether(generator, model, requests, listeningToNothing(3), pool), " run again");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBatchKeepsItsCachesWithinTheBudgetByLettingRequestsWait() throws Exception {
        Model model = Model.ORIGINAL_WITH_GUIDANCE;
        List<Request> requests = requests(model, 3);
        // Room for one request's cache at its longest (2 rows x 250 positions x 3 layers x 2 x 2 heads x 4 x 4 bytes), not two.
        BatchingOptions oneAtATime = new BatchingOptions(16, 2L * 250 * 3 * 2 * 2 * 4 * 4, 2, 1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (SpeechTokenGenerator generator = new SpeechTokenGenerator(LOADED.get(model), oneAtATime, new ComputeSlots(2))) {
            assertEachAsAlone(model, requests, runTogether(generator, model, requests, listeningToNothing(3), pool), "");
            assertEquals(1, generator.batchingReport().largestBatch());
        } finally {
            pool.shutdownNow();
        }
    }
}
