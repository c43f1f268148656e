package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.DecoderBatchingReport;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoder calls that wait for the device together share one graph call when their shapes fit, and each still gets
 * exactly its own samples. Calls are lined up behind a slot the test holds, so which calls wait together is fixed.
 * Expected samples come from the stand-in decoder's formula ({@link StandInModels#expectedWaveform}).
 */
class DecoderBatcherTest {

    /** Tokens of the voices' decoder prompt: 50 tokens and their 100 mel frames. */
    static final int PROMPT_TOKENS = 50;

    @TempDir
    static Path dir;

    static OnnxModels models;
    static SpeechDecoder decoder;

    final ExecutorService pool = Executors.newCachedThreadPool();
    final List<Integer> graphCalls = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void load() throws Exception {
        StandInModels.writeModelDirectory(dir, StandInModels.Spec.small(60));
        models = OnnxModels.load(ChatterboxConfig.of(dir).withProvider("cpu"));
        decoder = new SpeechDecoder(models, PROMPT_TOKENS);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    /** A voice of 6 s of tokens whose mel covers {@code frames} frames; {@code step} makes its tokens its own. */
    static VoicePrompt voice(int step, int frames) {
        return new VoicePrompt("m", "fp32", 33, 8, new float[33 * 8], LongStream.range(0, 150).map(t -> t * step % 6561).toArray(),
                new float[192], new float[frames * VoicePrompt.MEL_BINS]);
    }

    /** The stand-in's samples for {@code fresh} after the voice's first 50 tokens, its prompt (frames) cut off. */
    static float[] expected(VoicePrompt voice, long[] fresh) {
        long[] all = LongStream.concat(Arrays.stream(voice.audioTokens(), 0, PROMPT_TOKENS), Arrays.stream(fresh)).toArray();
        return StandInModels.expectedWaveform(all, voice.featureFrames());
    }

    @ParameterizedTest(name = "at most {0} calls in one")
    @CsvSource({"2, '2,1,1,1', 5", "8, '3,1,1', 5"})
    void waitingCallsThatFitShareOneGraphCall(int maxRows, String expectedCalls, int requests) throws Exception {
        VoicePrompt a = voice(13, 100);
        VoicePrompt b = voice(17, 100);
        VoicePrompt shortMel = voice(13, 60);
        List<VoicePrompt> voices = List.of(a, b, shortMel, a, a);
        List<long[]> fresh = List.of(new long[] {7, 77, 707, 17}, new long[] {8, 88, 808, 18}, new long[] {9, 99, 909, 19},
                new long[] {5, 55, 505, 15}, new long[] {6, 66, 606, 16, 60});
        ComputeSlots slots = new ComputeSlots(1);
        DecoderBatcher batcher = new DecoderBatcher(counting(), slots, maxRows);

        List<SpeechDecoder.Input> inputs = new ArrayList<>();
        for (int i = 0; i < voices.size(); i++) {
            inputs.add(decoder.input(voices.get(i), fresh.get(i)));
        }
        List<Future<float[]>> results = lineUpBehindABusySlot(slots, batcher, inputs);

        for (int i = 0; i < voices.size(); i++) {
            assertArrayEquals(expected(voices.get(i), fresh.get(i)), results.get(i).get(), 1e-5f, "call " + i);
        }
        // Oldest first: the first call takes the second (another voice, same shapes) and, room left, the fourth; the
        // shorter mel and the longer text never share.
        assertEquals(expectedCalls, String.join(",", graphCalls.stream().map(String::valueOf).toList()));
        DecoderBatchingReport report = batcher.report();
        assertEquals(requests, report.requests());
        assertEquals(graphCalls.size(), report.calls());
        assertEquals(Collections.max(graphCalls), report.largest());
    }

    @Test
    void aLoneCallRunsAtOnceWithoutWaitingForCompany() throws Exception {
        DecoderBatcher batcher = new DecoderBatcher(counting(), new ComputeSlots(1), 8);
        long[] fresh = {3, 33, 303};
        assertArrayEquals(expected(voice(13, 100), fresh), batcher.decode(decoder.input(voice(13, 100), fresh)), 1e-5f);
        assertEquals(List.of(1), graphCalls);
    }

    @Test
    void aFailedSharedCallTriesEachCallAloneSoOnlyTheBadOneFails() throws Exception {
        // The bad call carries a token the fake graph refuses; the others decode for real.
        DecoderBatcher.Graph refusing = rows -> {
            graphCalls.add(rows.size());
            if (rows.stream().anyMatch(r -> Arrays.stream(r.speechTokens()).anyMatch(t -> t < 0))) {
                throw new OrtException("speech token out of range");
            }
            return decoder.decode(rows);
        };
        ComputeSlots slots = new ComputeSlots(1);
        DecoderBatcher batcher = new DecoderBatcher(refusing, slots, 8);
        VoicePrompt voice = voice(13, 100);
        List<long[]> fresh = List.of(new long[] {1, 2, 3}, new long[] {4, -5, 6}, new long[] {7, 8, 9});
        List<Future<float[]>> results = lineUpBehindABusySlot(slots, batcher, fresh.stream().map(t -> decoder.input(voice, t)).toList());

        assertArrayEquals(expected(voice, fresh.get(0)), results.get(0).get(), 1e-5f);
        ExecutionException bad = assertThrows(ExecutionException.class, () -> results.get(1).get());
        assertInstanceOf(OrtException.class, bad.getCause());
        assertArrayEquals(expected(voice, fresh.get(2)), results.get(2).get(), 1e-5f);
        assertEquals(List.of(3, 1, 1, 1), graphCalls);
        assertEquals(2, batcher.report().requests(), "only decoded calls count");
    }

    @Test
    void aGraphThatTakesOneRowAtATimeStopsBatchingAfterItsFirstFailedSharedCall() throws Exception {
        // As the public export of the original decoder: its batch dimension is declared, yet two rows fail.
        DecoderBatcher.Graph oneRow = rows -> {
            graphCalls.add(rows.size());
            if (rows.size() > 1) {
                throw new OrtException("Invalid expand shape");
            }
            return decoder.decode(rows);
        };
        ComputeSlots slots = new ComputeSlots(1);
        DecoderBatcher batcher = new DecoderBatcher(oneRow, slots, 8);
        VoicePrompt voice = voice(13, 100);
        List<long[]> fresh = List.of(new long[] {1, 2, 3}, new long[] {4, 5, 6});
        for (int round = 0; round < 2; round++) {
            List<Future<float[]>> results = lineUpBehindABusySlot(slots, batcher, fresh.stream().map(t -> decoder.input(voice, t)).toList());
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected(voice, fresh.get(i)), results.get(i).get(), 1e-5f);
            }
        }
        // One failed shared call, each alone; then only calls alone.
        assertEquals(List.of(2, 1, 1, 1, 1), graphCalls);
    }

    @Test
    void aCallStoppedWhileItWaitsLeavesAtOnceAndTheOthersGoOn() throws Exception {
        ComputeSlots slots = new ComputeSlots(1);
        DecoderBatcher batcher = new DecoderBatcher(counting(), slots, 8);
        VoicePrompt voice = voice(13, 100);
        long[] kept = {1, 2, 3};
        Future<float[]> other = slots.run(() -> {
            Future<float[]> stopped = lineUp(slots::waiting, () -> batcher.decode(decoder.input(voice, new long[] {4, 5, 6})));
            Future<float[]> waiting = lineUp(slots::waiting, () -> batcher.decode(decoder.input(voice, kept)));
            stopped.cancel(true);
            awaitCount(batcher::waiting, 1);
            awaitCount(slots::waiting, 1);
            return waiting;
        });

        assertArrayEquals(expected(voice, kept), other.get(), 1e-5f);
        assertEquals(List.of(1), graphCalls, "the stopped call was never decoded");
    }

    @Test
    void aCallStoppedWhileItWaitsGetsARetryableError() throws Exception {
        ComputeSlots slots = new ComputeSlots(1);
        DecoderBatcher batcher = new DecoderBatcher(counting(), slots, 8);
        SpeechDecoder.Input input = decoder.input(voice(13, 100), new long[] {1, 2, 3});
        EngineException stopped = slots.run(() -> {
            Thread.currentThread().interrupt();
            return assertThrows(EngineException.class, () -> batcher.decode(input));
        });
        assertTrue(stopped.retryable(), stopped.getMessage());
        assertEquals(0, batcher.waiting());
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }

    private DecoderBatcher.Graph counting() {
        return rows -> {
            graphCalls.add(rows.size());
            return decoder.decode(rows);
        };
    }

    /** Holds the only slot while the calls line up for it in the given order, then lets them go. */
    private List<Future<float[]>> lineUpBehindABusySlot(ComputeSlots slots, DecoderBatcher batcher, List<SpeechDecoder.Input> inputs)
            throws OrtException {
        return slots.run(() -> {
            List<Future<float[]>> lined = new ArrayList<>();
            for (SpeechDecoder.Input input : inputs) {
                lined.add(lineUp(slots::waiting, () -> batcher.decode(input)));
            }
            return lined;
        });
    }

    /** Starts a call on its own thread and returns once it waits in line ({@code line} has grown by one). */
    private Future<float[]> lineUp(IntSupplier line, Callable<float[]> call) {
        int before = line.getAsInt();
        Future<float[]> f = pool.submit(call);
        awaitCount(line, before + 1);
        return f;
    }

    private static void awaitCount(IntSupplier count, int expected) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count.getAsInt() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + " waiting calls, found " + count.getAsInt());
            }
            LockSupport.parkNanos(2_000_000);
        }
    }
}
