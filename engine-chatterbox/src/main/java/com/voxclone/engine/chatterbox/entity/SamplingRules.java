package com.voxclone.engine.chatterbox.entity;

/**
 * How one utterance picks its speech tokens: the per-request settings combined with the deployment's
 * {@link DecodingOptions}.
 *
 * @param cfgWeight         classifier-free guidance weight {@code w} in {@code l = c + w (c - u)}; 0 = off
 * @param repetitionPenalty divides positive and multiplies negative logits of tokens seen so far (1 = off)
 * @param temperature       divides the logits before softmax
 * @param minP              drops tokens less likely than {@code minP} times the best one
 * @param topP              nucleus size (1 = off)
 * @param greedy            take the best token instead of sampling
 */
public record SamplingRules(double cfgWeight, double repetitionPenalty, double temperature, double minP, double topP,
                            boolean greedy) {

    public SamplingRules {
        if (temperature <= 0) {
            throw new IllegalArgumentException("temperature must be above 0, was " + temperature);
        }
    }
}
