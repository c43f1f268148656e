package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.SamplingRules;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A voice's prefix is run once for the requests that follow, and closed only when evicted and no longer in use. */
class VoicePrefixCacheTest {

    @Test
    void aVoicesPrefixIsRunOnceAndClosedOnlyWhenEvictedAndUnused(@TempDir Path dir) throws Exception {
        StandInModels.writeModelDirectory(dir, StandInModels.Spec.small(60));
        try (OnnxModels models = OnnxModels.load(ChatterboxConfig.of(dir).withProvider("cpu"));
             VoicePrefixCache cache = new VoicePrefixCache(1)) {
            List<OrtSession.Result> runs = new ArrayList<>();
            VoicePrefixCache.PrefixRun run = () -> {
                // Any run of the graph will do: the cache only keeps what it is given.
                try (OnnxTensor ids = OnnxTensor.createTensor(OnnxModels.environment(), new long[][] {{1}})) {
                    OrtSession.Result r = models.embedTokens().run(Map.of("input_ids", ids,
                            "position_ids", OnnxTensor.createTensor(OnnxModels.environment(), new long[][] {{0}}),
                            "exaggeration", OnnxTensor.createTensor(OnnxModels.environment(), new float[] {0.5f})));
                    runs.add(r);
                    return r;
                }
            };
            float[] voiceA = {1, 2, 3};
            float[] voiceB = {4, 5, 6};
            VoicePrefixCache.Prefix first = cache.acquire(voiceA, 1, run);
            VoicePrefixCache.Prefix again = cache.acquire(voiceA.clone(), 1, run);
            assertSame(first, again, "the same voice rows: run once");
            assertEquals(1, runs.size());
            VoicePrefixCache.Prefix twoRows = cache.acquire(voiceA, 2, run);
            assertNotSame(first, twoRows, "another batch width is another prefix");
            // Capacity 1: voice A's one-row prefix was evicted but is still in use twice, so it stays open.
            runs.get(0).get(0).getInfo();
            cache.release(first);
            runs.get(0).get(0).getInfo();
            cache.release(again);
            assertThrows(IllegalStateException.class, () -> runs.get(0).get(0).getInfo(), "closed once the last user let go");
            cache.release(twoRows);
            VoicePrefixCache.Prefix other = cache.acquire(voiceB, 1, run);
            assertEquals(3, runs.size());
            cache.release(other);
        }
    }

    @Test
    void requestsOfAVoiceWhosePrefixIsCachedGetTheTokensOfTheFirst(@TempDir Path dir) throws Exception {
        StandInModels.writeModelDirectory(dir, StandInModels.Spec.small(33 + 8 + 12).readingTheCache());
        try (OnnxModels models = OnnxModels.load(ChatterboxConfig.of(dir).withProvider("cpu"))) {
            VoicePrompt voice = new SpeakerEncoder(models, "test").encode(new float[24_000]);
            long[] ids = {6563, 255, 21, 69, 9, 0, 6561, 6561};
            SamplingRules rules = new SamplingRules(0.5, 1.2, 0.8, 0.05, 1.0, false);
            try (SpeechTokenGenerator generator = new SpeechTokenGenerator(models)) {
                List<Integer> first = generator.generate(ids, voice, 0.5f, new TokenSampler(rules, 5), 100, t -> { }).tokens();
                List<Integer> second = generator.generate(ids, voice, 0.5f, new TokenSampler(rules, 5), 100, t -> { }).tokens();
                assertEquals(12, first.size());
                assertEquals(first, second);
            }
        }
    }
}
