package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OrtException;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.chatterbox.entity.DecoderBatchingReport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * Decoder calls of the requests on the device, batched where shapes allow. A call waits for a compute slot in
 * arrival order; the call that gets one takes every waiting call whose inputs {@link SpeechDecoder.Input#fits fit}
 * its own (up to {@code maxRows}, oldest first) into the same graph call. Nothing waits for a batch to fill: calls
 * share a batch only when they would have waited anyway, so a lone request runs exactly as before.
 *
 * <p>If a shared call fails, each of its rows is tried once alone, so that one request's bad input or a batch too
 * large for the device's memory fails only what it must. If every row then succeeds alone, the graph itself cannot
 * take batches (its batch dimension is declared, but an export may still assume one row, as the public export
 * script of the original model's decoder does in its flow-matching steps): calls stop sharing from then on, and the
 * log says so once. A caller that is interrupted (the job's time limit) leaves at once; a result made for it is
 * dropped.
 */
public final class DecoderBatcher {

    /** Runs rows of the same shape through the decoder graph as one call. */
    @FunctionalInterface
    public interface Graph {
        float[][] decode(List<SpeechDecoder.Input> rows) throws OrtException;
    }

    private static final Logger LOG = Logger.getLogger(DecoderBatcher.class.getName());

    private final Graph graph;
    private final ComputeSlots slots;
    private final int maxRows;
    /** Cleared for good when the graph turns out to take one row at a time. */
    private volatile boolean sharing;
    /** Calls not yet taken into a graph call, in arrival order; guarded by itself. */
    private final Deque<Call> waiting = new ArrayDeque<>();
    private DecoderBatchingReport report = DecoderBatchingReport.NONE;

    public DecoderBatcher(Graph graph, ComputeSlots slots, int maxRows) {
        this.graph = graph;
        this.slots = slots;
        this.maxRows = maxRows;
        this.sharing = maxRows > 1;
    }

    /** The samples for one call's input, decoded alone or together with other calls of the same shape. */
    public float[] decode(SpeechDecoder.Input input) throws OrtException {
        Call call = new Call(input);
        synchronized (waiting) {
            waiting.addLast(call);
        }
        try {
            slots.runUnless(call::taken, () -> run(takeWith(call)));
            return call.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Speech generation was stopped while its audio was being decoded", true, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OrtException ort) {
                throw ort;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            // Still waiting when its thread gave up: nobody wants it any more.
            synchronized (waiting) {
                waiting.remove(call);
            }
        }
    }

    public synchronized DecoderBatchingReport report() {
        return report;
    }

    /** Waiting calls, for tests that line calls up behind a busy slot. */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** {@code call} and the waiting calls that fit it, oldest first; none when another call has taken it already. */
    private List<Call> takeWith(Call call) {
        List<Call> rows = new ArrayList<>();
        synchronized (waiting) {
            if (call.taken) {
                return rows;
            }
            rows.add(call);
            waiting.remove(call);
            for (Iterator<Call> it = waiting.iterator(); sharing && it.hasNext() && rows.size() < maxRows; ) {
                Call other = it.next();
                if (other.input.fits(call.input)) {
                    rows.add(other);
                    it.remove();
                }
            }
            rows.forEach(row -> row.taken = true);
        }
        // The calls taken along stop waiting for a slot and wait for their results.
        slots.recheck();
        return rows;
    }

    private void run(List<Call> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            complete(rows, graph.decode(rows.stream().map(Call::input).toList()));
        } catch (OrtException | RuntimeException | OutOfMemoryError e) {
            if (rows.size() == 1) {
                rows.get(0).result.completeExceptionally(e);
                return;
            }
            boolean allAlone = true;
            for (Call row : rows) {
                try {
                    complete(List.of(row), graph.decode(List.of(row.input)));
                } catch (OrtException | RuntimeException | OutOfMemoryError alone) {
                    row.result.completeExceptionally(alone);
                    allAlone = false;
                }
            }
            if (allAlone && sharing) {
                sharing = false;
                LOG.warning("The decoder graph failed on " + rows.size() + " calls at once but decoded each of them alone, so it "
                        + "takes one call at a time; decoder calls are no longer batched (set voxclone.chatterbox.decoder-batch-size=1 "
                        + "for such a graph). The graph said: " + e.getMessage());
            }
        }
    }

    private void complete(List<Call> rows, float[][] samples) {
        synchronized (this) {
            report = report.plus(rows.size());
        }
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).result.complete(samples[i]);
        }
    }

    private static final class Call {
        final SpeechDecoder.Input input;
        final CompletableFuture<float[]> result = new CompletableFuture<>();
        /** Set under the waiting queue's lock; read by the slot's wait. */
        volatile boolean taken;

        Call(SpeechDecoder.Input input) {
            this.input = input;
        }

        SpeechDecoder.Input input() {
            return input;
        }

        boolean taken() {
            return taken;
        }
    }
}
