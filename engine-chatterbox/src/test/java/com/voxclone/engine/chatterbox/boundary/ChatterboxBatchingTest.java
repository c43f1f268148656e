package com.voxclone.engine.chatterbox.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.chatterbox.entity.BatchingOptions;
import com.voxclone.engine.chatterbox.entity.BatchingReport;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole engine with several requests on the device at once: their language-model steps share batches, and each
 * request's streamed audio is exactly what it is when the engine runs one request at a time, with the same seed.
 */
class ChatterboxBatchingTest {

    static final List<String> TEXTS = List.of("How are you?", "Yes, they are here.", "That is the old red house on the hill.",
            "How are you doing today?");

    /**
     * With their own voices the requests' decoder prompts differ in length, so only their language-model steps are
     * shared. With one voice and one decoder call at a time, decoder calls that happen to wait together share graph
     * calls too (which ones is timing; DecoderBatcherTest fixes it).
     */
    @ParameterizedTest(name = "{0}, {1} voice(s)")
    @CsvSource({"chatterbox, own", "chatterbox-turbo, own", "chatterbox, one", "chatterbox-turbo, one"})
    void concurrentRequestsSpeakExactlyAsTheyDoOneAtATime(String model, String voicing, @TempDir Path dir) throws Exception {
        boolean oneVoice = voicing.equals("one");
        StandInModels.Spec spec = model.equals("chatterbox")
                ? StandInModels.Spec.small(160).readingTheCache()
                : new StandInModels.Spec(8, 2, 4, 24, 200, false, "", -1).readingTheCache();
        if (model.equals("chatterbox")) {
            StandInModels.writeModelDirectory(dir, spec);
        } else {
            StandInModels.writeTurboDirectory(dir, spec, StandInModels.EXTERNAL_FROM_BYTES);
        }
        ChatterboxConfig base = ChatterboxConfig.of(dir).withProvider("cpu");
        List<float[]> alone = new ArrayList<>();
        List<SpeakerConditioning> voices = new ArrayList<>();
        try (ChatterboxEngine oneAtATime = new ChatterboxEngine(base.withBatching(BatchingOptions.off()))) {
            for (int i = 0; i < TEXTS.size(); i++) {
                // References of different lengths give Turbo prefixes of different lengths.
                int samples = oneVoice ? 60_000 : 24_000 + 12_000 * i;
                voices.add(oneAtATime.enroll(List.of(new PcmAudio(ChatterboxEngineTest.reference(samples), 24_000))));
                alone.add(speak(oneAtATime, voices.get(i), i));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(TEXTS.size());
        try (ChatterboxEngine batching = new ChatterboxEngine(base.withConcurrency(TEXTS.size(), Duration.ofMinutes(1))
                .withBatching(oneVoice ? new BatchingOptions(16, 1L << 30, 1, 8) : BatchingOptions.defaults()))) {
            CyclicBarrier together = new CyclicBarrier(TEXTS.size());
            List<Future<float[]>> spoken = new ArrayList<>();
            for (int i = 0; i < TEXTS.size(); i++) {
                int request = i;
                spoken.add(pool.submit(() -> {
                    together.await();
                    return speak(batching, voices.get(request), request);
                }));
            }
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] audio = spoken.get(i).get();
                assertTrue(audio.length > 24_000, "request " + i + " is long enough to overlap the others");
                assertArrayEquals(alone.get(i), audio, "request " + i + "; decoder calls: " + batching.decoderBatchingReport());
            }
            BatchingReport report = batching.batchingReport();
            assertTrue(report.largestBatch() >= 2, "steps were shared: " + report);
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[] speak(ChatterboxEngine engine, SpeakerConditioning voice, int request) {
        List<PcmAudio> chunks = new ArrayList<>();
        engine.synthesize(voice, TEXTS.get(request), new VoiceSettings(0.5, 0.5, 2048, 0.8, 1.0, 100L + request), c -> chunks.add(c.audio()));
        return PcmAudio.concat(chunks, 24_000).samples();
    }
}
