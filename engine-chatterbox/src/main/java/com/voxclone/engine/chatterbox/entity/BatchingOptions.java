package com.voxclone.engine.chatterbox.entity;

/**
 * How the language-model steps of requests running at once share the device: up to {@code maxRequests} requests go
 * through each step as one batch, and their key/value caches together stay within {@code cacheBudgetBytes}. A
 * request that would overflow either waits for one to finish; one request alone is always admitted. Their decoder
 * calls can share graph calls where shapes allow ({@code decoderBatch}).
 *
 * @param maxRequests      requests per batch; 1 turns batching off (each request runs its own steps)
 * @param cacheBudgetBytes upper bound on the key/value caches of one batch, padding included
 * @param concurrentCalls  prefills and decoder calls of the requests on the device that run at once, beside the
 *                         batch's steps (each holds its working memory while it runs)
 * @param decoderBatch     decoder calls of the same shape that wait for a free call together run as one, up to this
 *                         many; 1 runs each alone
 */
public record BatchingOptions(int maxRequests, long cacheBudgetBytes, int concurrentCalls, int decoderBatch) {

    public static final int DEFAULT_MAX_REQUESTS = 16;
    public static final long DEFAULT_CACHE_BUDGET_MB = 1024;
    public static final int DEFAULT_CONCURRENT_CALLS = 2;
    /**
     * Off: on a CPU a shared decoder call costs what its calls cost one after another, and the public export of the
     * original model's decoder takes one call at a time.
     */
    public static final int DEFAULT_DECODER_BATCH = 1;

    public BatchingOptions {
        if (maxRequests < 1 || maxRequests > 256) {
            throw new IllegalArgumentException("the batch size must be between 1 (no batching) and 256 requests, was " + maxRequests);
        }
        if (cacheBudgetBytes < 1) {
            throw new IllegalArgumentException("the key/value cache budget of a batch must be positive, was " + cacheBudgetBytes + " bytes");
        }
        if (concurrentCalls < 1) {
            throw new IllegalArgumentException("at least one prefill or decoder call must be allowed at once, was " + concurrentCalls);
        }
        if (decoderBatch < 1 || decoderBatch > 256) {
            throw new IllegalArgumentException("the decoder batch must be between 1 (each call alone) and 256 calls, was " + decoderBatch);
        }
    }

    public static BatchingOptions defaults() {
        return new BatchingOptions(DEFAULT_MAX_REQUESTS, DEFAULT_CACHE_BUDGET_MB << 20, DEFAULT_CONCURRENT_CALLS, DEFAULT_DECODER_BATCH);
    }

    public static BatchingOptions off() {
        return new BatchingOptions(1, DEFAULT_CACHE_BUDGET_MB << 20, DEFAULT_CONCURRENT_CALLS, DEFAULT_DECODER_BATCH);
    }

    public boolean enabled() {
        return maxRequests > 1;
    }
}
