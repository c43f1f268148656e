package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.chatterbox.control.SpeechTokenGenerator.Listener;
import com.voxclone.engine.chatterbox.control.SpeechTokenGenerator.Outcome;
import com.voxclone.engine.chatterbox.entity.BatchingOptions;
import com.voxclone.engine.chatterbox.entity.BatchingReport;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Continuous batching of the language model: one thread runs the steps of every request generating at once as one
 * {@link DecodeBatch}. Requests join after their own prefill and leave when they end, both at token boundaries, so a
 * long request never holds up a short one. Before its prefill a request waits for room in the batch
 * ({@link BatchAdmission}, sized by {@link BatchingOptions}), in arrival order.
 *
 * <p>Each request's tokens travel back to its own thread through a {@link Relay}, where they are decoded, so a slow
 * listener slows only its own request. A request whose thread stops waiting (interrupted, or its listener failed) is
 * let go at the next boundary. A failure of a shared step fails the requests in that step; the others, and later
 * ones, go on.
 */
final class LanguageModelBatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LanguageModelBatcher.class.getName());

    private final DecodeBatch batch;
    private final BatchAdmission admission;
    private final LinkedBlockingDeque<Arrival> waiting = new LinkedBlockingDeque<>();
    private final Map<GenerationSequence, Relay> relays = new IdentityHashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile BatchingReport report = BatchingReport.NONE;

    private record Arrival(GenerationSequence sequence, OrtSession.Result prefill, Relay relay) {
    }

    LanguageModelBatcher(OnnxModels models, BatchingOptions options) {
        this.batch = new DecodeBatch(models);
        this.admission = new BatchAdmission(options.maxRequests(), options.cacheBudgetBytes(), batch.bytesPerPosition());
        this.thread = new Thread(this::serve, "chatterbox-language-model-batch");
        thread.setDaemon(true);
        thread.start();
        LOG.info(() -> "Language-model steps of up to " + options.maxRequests() + " requests at once run as one batch (key/value caches up to "
                + (options.cacheBudgetBytes() >> 20) + " MB)");
    }

    /**
     * Waits until the batch has room for a request of {@code rows} rows whose cache can grow to {@code maxLength}
     * positions; hand the ticket back with {@link #leave} once the request has ended.
     */
    BatchAdmission.Ticket enter(int rows, long maxLength) {
        try {
            return admission.enter(rows, maxLength);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Speech generation was stopped while it waited for room in the batch", true, e);
        }
    }

    void leave(BatchAdmission.Ticket ticket) {
        admission.leave(ticket);
    }

    /**
     * Hands a prefilled request to the batch and relays its tokens and steps to {@code listener} on the calling
     * thread until it ends.
     */
    Outcome finish(GenerationSequence sequence, OrtSession.Result prefill, Relay relay, Listener listener) throws OrtException {
        boolean handedOver = false;
        try {
            relay.forward(listener);
            if (!sequence.ended()) {
                if (closed) {
                    throw shutDown();
                }
                waiting.add(new Arrival(sequence, prefill, relay));
                handedOver = true;
                relay.forwardUntilEnd(listener);
            }
            return sequence.outcome();
        } catch (InterruptedException e) {
            sequence.cancel();
            Thread.currentThread().interrupt();
            throw new EngineException("Speech generation was stopped while it waited for its next token", true, e);
        } catch (OrtException | RuntimeException e) {
            sequence.cancel();
            throw e;
        } finally {
            if (!handedOver) {
                prefill.close();
            }
        }
    }

    BatchingReport report() {
        return report;
    }

    private void serve() {
        while (!closed) {
            try {
                admit();
                long start = System.nanoTime();
                for (GenerationSequence left : batch.settle()) {
                    relays.remove(left).end();
                }
                if (batch.isEmpty()) {
                    Arrival next = waiting.poll(1, TimeUnit.SECONDS);
                    if (next != null) {
                        waiting.addFirst(next);
                    }
                    continue;
                }
                long laidOut = System.nanoTime();
                int requests = batch.stepping();
                batch.step();
                report = report.plus(requests, (System.nanoTime() - laidOut) / 1e9, (laidOut - start) / 1e9);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (OrtException | RuntimeException e) {
                LOG.log(Level.WARNING, "A batched language-model step failed; the " + relays.size()
                        + " request(s) in it fail, later requests go on", e);
                failAll(e);
            } catch (OutOfMemoryError e) {
                LOG.log(Level.WARNING, "The key/value caches of " + relays.size() + " request(s) did not fit in memory; they fail, later requests go on", e);
                failAll(new EngineException("The server ran out of memory for the batched requests' caches; try again when fewer "
                        + "requests are running, or lower voxclone.chatterbox.batch-cache-mb or raise the JVM's -XX:MaxDirectMemorySize", true, e));
            }
        }
        failAll(shutDown());
    }

    /** Takes the prefilled requests in (they were let in by {@link BatchAdmission} before their prefill). */
    private void admit() {
        for (Arrival a = waiting.poll(); a != null; a = waiting.poll()) {
            relays.put(a.sequence(), a.relay());
            batch.join(a.sequence(), a.prefill());
        }
    }

    private void failAll(Exception cause) {
        for (Map.Entry<GenerationSequence, Relay> r : relays.entrySet()) {
            r.getKey().fail(cause);
            r.getValue().end();
        }
        relays.clear();
        batch.clear();
    }

    private static EngineException shutDown() {
        return new EngineException("The speech engine was shut down while generating; try again", true);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Arrival a = waiting.poll(); a != null; a = waiting.poll()) {
            a.sequence().fail(shutDown());
            a.prefill().close();
            a.relay().end();
        }
    }

    /**
     * Carries one request's tokens and steps from the batch's thread to the request's own, and tells it when the
     * request has ended (its outcome or failure is then in the sequence).
     */
    static final class Relay implements Listener {

        private static final Object END = new Object();
        private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();

        private record Step(int step, long cacheLength) {
        }

        @Override
        public void token(int token) {
            events.add(token);
        }

        @Override
        public void step(int step, long cacheLength) {
            events.add(new Step(step, cacheLength));
        }

        void end() {
            events.add(END);
        }

        /** What has arrived so far (the prefill's first token is reported on the request's own thread). */
        void forward(Listener listener) throws OrtException {
            for (Object e = events.poll(); e != null; e = events.poll()) {
                deliver(e, listener);
            }
        }

        void forwardUntilEnd(Listener listener) throws OrtException, InterruptedException {
            for (Object e = events.take(); e != END; e = events.take()) {
                deliver(e, listener);
            }
        }

        private static void deliver(Object event, Listener listener) throws OrtException {
            if (event instanceof Integer token) {
                listener.token(token);
            } else if (event instanceof Step s) {
                listener.step(s.step(), s.cacheLength());
            }
        }
    }
}
