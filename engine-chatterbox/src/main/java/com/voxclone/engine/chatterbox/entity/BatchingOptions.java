package com.voxclone.engine.chatterbox.entity;

/**
 * How the language-model steps of requests running at once share the device: up to {@code maxRequests} requests go
 * through each step as one batch, and their key/value caches together stay within {@code cacheBudgetBytes}. A
 * request that would overflow either waits for one to finish; one request alone is always admitted.
 *
 * @param maxRequests      requests per batch; 1 turns batching off (each request runs its own steps)
 * @param cacheBudgetBytes upper bound on the key/value caches of one batch, padding included
 * @param concurrentCalls  prefills and decoder calls of the requests on the device that run at once, beside the
 *                         batch's steps (each holds its working memory while it runs)
 */
public record BatchingOptions(int maxRequests, long cacheBudgetBytes, int concurrentCalls) {

    public static final int DEFAULT_MAX_REQUESTS = 16;
    public static final long DEFAULT_CACHE_BUDGET_MB = 1024;
    public static final int DEFAULT_CONCURRENT_CALLS = 2;

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
    }

    public static BatchingOptions defaults() {
        return new BatchingOptions(DEFAULT_MAX_REQUESTS, DEFAULT_CACHE_BUDGET_MB << 20, DEFAULT_CONCURRENT_CALLS);
    }

    public static BatchingOptions off() {
        return new BatchingOptions(1, DEFAULT_CACHE_BUDGET_MB << 20, DEFAULT_CONCURRENT_CALLS);
    }

    public boolean enabled() {
        return maxRequests > 1;
    }
}
