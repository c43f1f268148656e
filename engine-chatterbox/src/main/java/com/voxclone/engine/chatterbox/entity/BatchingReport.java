package com.voxclone.engine.chatterbox.entity;

/**
 * What continuous batching has done since the engine started: for capacity planning and the benchmark.
 *
 * @param steps         batched language-model steps
 * @param requestSteps  request-steps they covered (the mean batch is {@code requestSteps / steps})
 * @param largestBatch  the most requests in one step
 * @param stepSeconds   time in the steps (embeddings, language model, sampling)
 * @param layoutSeconds time spent laying the caches out again as requests joined and left
 */
public record BatchingReport(long steps, long requestSteps, int largestBatch, double stepSeconds, double layoutSeconds) {

    public static final BatchingReport NONE = new BatchingReport(0, 0, 0, 0, 0);

    /** After one more step of {@code requests} requests. */
    public BatchingReport plus(int requests, double step, double layout) {
        return new BatchingReport(steps + 1, requestSteps + requests, Math.max(largestBatch, requests), stepSeconds + step,
                layoutSeconds + layout);
    }

    public double meanBatch() {
        return steps == 0 ? 0 : (double) requestSteps / steps;
    }
}
