package com.voxclone.engine.chatterbox.entity;

/**
 * What batching of decoder calls has done since the engine started.
 *
 * @param calls    graph calls made
 * @param requests requests' decoder calls they covered (the mean batch is {@code requests / calls})
 * @param largest  the most requests' calls in one graph call
 */
public record DecoderBatchingReport(long calls, long requests, int largest) {

    public static final DecoderBatchingReport NONE = new DecoderBatchingReport(0, 0, 0);

    /** After one more graph call covering {@code rows} requests' calls. */
    public DecoderBatchingReport plus(int rows) {
        return new DecoderBatchingReport(calls + 1, requests + rows, Math.max(largest, rows));
    }
}
