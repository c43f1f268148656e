package com.voxclone.engine.chatterbox.entity;

/**
 * Language-model sampling rules that are deployment settings rather than per-voice settings (temperature,
 * CFG weight and exaggeration come from {@link com.voxclone.engine.entity.VoiceSettings}).
 *
 * @param repetitionPenalty divides positive / multiplies negative logits of tokens already generated (1.0 = off)
 * @param minP              drops tokens whose probability is below {@code minP} times the best one (0 = off)
 * @param topP              keeps the smallest set of tokens whose probabilities sum to {@code topP} (1.0 = off)
 * @param greedy            always take the most likely token (the exporters' tested path) instead of sampling
 * @param maxNewTokens      hard cap on generated speech tokens (25 per second of speech)
 * @param contextTokens     previously decoded tokens given to the decoder again with each streamed chunk
 */
public record DecodingOptions(double repetitionPenalty, double minP, double topP, boolean greedy, int maxNewTokens,
                              int contextTokens) {

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
    }

    public static DecodingOptions defaults() {
        return new DecodingOptions(1.2, 0.05, 1.0, false, 1000, 25);
    }

    public DecodingOptions withGreedy(boolean value) {
        return new DecodingOptions(repetitionPenalty, minP, topP, value, maxNewTokens, contextTokens);
    }

    public DecodingOptions withMaxNewTokens(int value) {
        return new DecodingOptions(repetitionPenalty, minP, topP, greedy, value, contextTokens);
    }

    public DecodingOptions withFilters(double newPenalty, double newMinP, double newTopP) {
        return new DecodingOptions(newPenalty, newMinP, newTopP, greedy, maxNewTokens, contextTokens);
    }
}
