package com.voxclone.engine.chatterbox.entity;

/**
 * Language-model sampling rules and decoder limits that are deployment settings rather than per-voice settings
 * (temperature, CFG weight and exaggeration come from {@link com.voxclone.engine.entity.VoiceSettings}).
 *
 * @param repetitionPenalty    divides positive / multiplies negative logits of tokens already generated (1.0 = off)
 * @param minP                 drops tokens whose probability is below {@code minP} times the best one (0 = off)
 * @param topP                 keeps the smallest set of tokens whose probabilities sum to {@code topP} (1.0 = off)
 * @param greedy               always take the most likely token (the exporters' tested path) instead of sampling
 * @param maxNewTokens         hard cap on generated speech tokens (25 per second of speech)
 * @param contextTokens        previously decoded tokens given to the decoder again with each streamed chunk
 * @param maxChunkTokens       largest streamed chunk in tokens: chunks grow from the first one up to this. Every
 *                             decoder call pays for the voice prompt again, so fewer, larger chunks cost less in
 *                             total while the first chunk stays as early
 * @param chunkGrowth          how many times larger each streamed chunk is than the one before (2 = doubling); a
 *                             larger factor reaches large chunks in fewer decoder calls, but the audio after the
 *                             first chunk comes in longer waits
 * @param decoderPromptSeconds seconds of the voice's reference the decoder conditions on (the model uses up to 10);
 *                             each decoder call's work grows with prompt plus new audio, so fewer seconds are faster
 *                             at some cost in likeness
 */
public record DecodingOptions(double repetitionPenalty, double minP, double topP, boolean greedy, int maxNewTokens,
                              int contextTokens, int maxChunkTokens, int chunkGrowth, int decoderPromptSeconds) {

    /** Speech tokens per second of audio. */
    public static final int TOKENS_PER_SECOND = 25;
    /** The largest chunk growth factor accepted: from a first chunk of 3 tokens it already gives a second of 192. */
    public static final int MAX_CHUNK_GROWTH = 64;
    /** The longest reference the decoder was trained to condition on. */
    public static final int MAX_DECODER_PROMPT_SECONDS = 10;

    public DecodingOptions {
        if (repetitionPenalty < 1.0 || repetitionPenalty > 2.0) {
            throw new IllegalArgumentException("repetition penalty must be between 1.0 and 2.0, was " + repetitionPenalty);
        }
        if (minP < 0 || minP > 1) {
            throw new IllegalArgumentException("min_p must be between 0 and 1, was " + minP);
        }
        if (topP <= 0 || topP > 1) {
            throw new IllegalArgumentException("top_p must be above 0 and at most 1, was " + topP);
        }
        if (maxNewTokens < 1 || maxNewTokens >= 4096) {
            throw new IllegalArgumentException("max new tokens must be between 1 and 4095 (speech position table), was " + maxNewTokens);
        }
        if (contextTokens < 1) {
            throw new IllegalArgumentException("decoder context must be at least 1 token, was " + contextTokens);
        }
        if (maxChunkTokens < 1 || maxChunkTokens > 500) {
            throw new IllegalArgumentException("the largest streamed chunk must be between 1 and 500 tokens (20 s), was " + maxChunkTokens);
        }
        if (chunkGrowth < 1 || chunkGrowth > MAX_CHUNK_GROWTH) {
            throw new IllegalArgumentException("streamed chunks must grow by a factor between 1 and " + MAX_CHUNK_GROWTH + ", was " + chunkGrowth);
        }
        if (decoderPromptSeconds < 1 || decoderPromptSeconds > MAX_DECODER_PROMPT_SECONDS) {
            throw new IllegalArgumentException("the decoder prompt must be between 1 and " + MAX_DECODER_PROMPT_SECONDS
                    + " seconds, was " + decoderPromptSeconds);
        }
    }

    public static DecodingOptions defaults() {
        return new DecodingOptions(1.2, 0.05, 1.0, false, 1000, 25, 25, 2, MAX_DECODER_PROMPT_SECONDS);
    }

    /** Speech tokens of the voice's reference given to the decoder. */
    public int decoderPromptTokens() {
        return decoderPromptSeconds * TOKENS_PER_SECOND;
    }

    public DecodingOptions withGreedy(boolean value) {
        return new DecodingOptions(repetitionPenalty, minP, topP, value, maxNewTokens, contextTokens, maxChunkTokens, chunkGrowth, decoderPromptSeconds);
    }

    public DecodingOptions withMaxNewTokens(int value) {
        return new DecodingOptions(repetitionPenalty, minP, topP, greedy, value, contextTokens, maxChunkTokens, chunkGrowth, decoderPromptSeconds);
    }

    public DecodingOptions withFilters(double newPenalty, double newMinP, double newTopP) {
        return new DecodingOptions(newPenalty, newMinP, newTopP, greedy, maxNewTokens, contextTokens, maxChunkTokens, chunkGrowth, decoderPromptSeconds);
    }

    /** The same options with streamed chunks growing by {@code factor}. */
    public DecodingOptions withChunkGrowth(int factor) {
        return new DecodingOptions(repetitionPenalty, minP, topP, greedy, maxNewTokens, contextTokens, maxChunkTokens, factor, decoderPromptSeconds);
    }

    /** The decoder's cost settings: largest streamed chunk and prompt length. */
    public DecodingOptions withDecoderLimits(int newMaxChunkTokens, int newDecoderPromptSeconds) {
        return new DecodingOptions(repetitionPenalty, minP, topP, greedy, maxNewTokens, contextTokens, newMaxChunkTokens, chunkGrowth, newDecoderPromptSeconds);
    }
}
