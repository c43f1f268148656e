package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OrtException;
import com.voxclone.engine.chatterbox.control.SpeechTokenGenerator.Listener;
import com.voxclone.engine.chatterbox.control.SpeechTokenGenerator.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One request's generation: its sampler and history, how far its key/value cache has grown, and the token it feeds
 * next. The same object is stepped alone or inside a batch, so both give the same tokens for the same seed.
 */
final class GenerationSequence {

    /** Batch rows: two when guidance adds a row that does not see the text. */
    final int rows;
    final float exaggeration;
    private final TokenSampler sampler;
    private final int maxRuns;
    private final Listener listener;
    private final Set<Integer> seen = new LinkedHashSet<>(List.of(SpeechTokenGenerator.START_SPEECH));
    private final List<Integer> speech = new ArrayList<>();
    /** Language-model runs so far, the prefill included. */
    private int runs;
    /** Positions the cache holds for this request (padding not counted). */
    private long length;
    private int pending;
    private Outcome outcome;
    private Exception failure;
    private volatile boolean cancelled;

    GenerationSequence(int rows, float exaggeration, TokenSampler sampler, int maxNewTokens, Listener listener) {
        this.rows = rows;
        this.exaggeration = exaggeration;
        this.sampler = sampler;
        this.maxRuns = maxNewTokens;
        this.listener = listener;
    }

    /**
     * After a language-model run that grew this request's cache to {@code cacheLength}: samples the next token from
     * its logits row(s), streams it if it is speech, and ends the request at the stop token or its token budget.
     */
    void accept(long cacheLength, float[] conditional, float[] unconditional) throws OrtException {
        length = cacheLength;
        listener.step(runs, length);
        runs++;
        int token = sampler.next(conditional, unconditional, seen);
        seen.add(token);
        if (token == SpeechTokenGenerator.STOP_SPEECH) {
            outcome = new Outcome(speech, true);
            return;
        }
        // Tokens at or above 6561 are not speech: they are dropped from the output but still fed back.
        if (token < SpeechTokenGenerator.START_SPEECH) {
            speech.add(token);
            listener.token(token);
        }
        if (runs >= maxRuns) {
            outcome = new Outcome(speech, false);
            return;
        }
        pending = token;
    }

    /** The token to feed at the next step. */
    int pending() {
        return pending;
    }

    /** Position of the pending token among the speech tokens (the original model's embedding table counts from 1). */
    int speechPosition() {
        return runs;
    }

    /** Position of the pending token in the whole sequence, voice prefix included (Turbo's language model). */
    long length() {
        return length;
    }

    /** Ends the request with a failure, unless it had already ended with its outcome. */
    void fail(Exception e) {
        if (outcome == null && failure == null) {
            failure = e;
        }
    }

    /** The caller stopped waiting: its slot is freed at the next token boundary. */
    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean ended() {
        return outcome != null || failure != null || cancelled;
    }

    Exception failure() {
        return failure;
    }

    /** The result, or the failure rethrown as it was raised. */
    Outcome outcome() throws OrtException {
        if (failure instanceof OrtException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return outcome;
    }
}
