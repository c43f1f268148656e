package com.voxclone.engine.chatterbox.control;

import com.voxclone.engine.chatterbox.entity.SamplingRules;
import java.util.Arrays;
import java.util.Collection;
import java.util.SplittableRandom;

/**
 * Picks the next speech token from the language model's logits in upstream Chatterbox order: classifier-free
 * guidance, repetition penalty, temperature, min_p, top_p, then a draw from the remaining distribution. The random
 * source is seeded, so the same seed gives the same tokens.
 */
public final class TokenSampler {

    private final SamplingRules rules;
    private final SplittableRandom random;

    public TokenSampler(SamplingRules rules, long seed) {
        this.rules = rules;
        this.random = new SplittableRandom(seed);
    }

    public SamplingRules rules() {
        return rules;
    }

    /**
     * @param conditional   logits of the row that sees the text
     * @param unconditional logits of the row with the text blanked, or {@code null} when guidance is off
     * @param seen          distinct tokens generated so far (including the start-of-speech token)
     */
    public int next(float[] conditional, float[] unconditional, Collection<Integer> seen) {
        float[] logits = unconditional == null ? conditional.clone() : guide(conditional, unconditional, rules.cfgWeight());
        penalize(logits, seen, (float) rules.repetitionPenalty());
        if (rules.greedy()) {
            return argmax(logits);
        }
        double[] p = filteredProbabilities(logits, rules.temperature(), rules.minP(), rules.topP());
        return draw(p, random.nextDouble());
    }

    /** {@code c + w (c - u)}, element by element. */
    static float[] guide(float[] c, float[] u, double w) {
        float[] out = new float[c.length];
        float weight = (float) w;
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i] + weight * (c[i] - u[i]);
        }
        return out;
    }

    /** Upstream's rule in float32: positive logits are divided by the penalty, others multiplied. */
    static void penalize(float[] logits, Collection<Integer> seen, float penalty) {
        if (penalty == 1f) {
            return;
        }
        for (int token : seen) {
            if (token >= 0 && token < logits.length) {
                float l = logits[token];
                logits[token] = l > 0 ? l / penalty : l * penalty;
            }
        }
    }

    /** Softmax of {@code logits / temperature}, with min_p and top_p applied and the rest renormalised. */
    static double[] filteredProbabilities(float[] logits, double temperature, double minP, double topP) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l / temperature);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] / temperature - max);
            sum += p[i];
        }
        double best = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
            best = Math.max(best, p[i]);
        }
        if (minP > 0) {
            double threshold = minP * best;
            for (int i = 0; i < p.length; i++) {
                if (p[i] < threshold) {
                    p[i] = 0;
                }
            }
            normalize(p);
        }
        if (topP < 1.0) {
            keepNucleus(p, topP);
            normalize(p);
        }
        return p;
    }

    /** Keeps the most likely tokens until their probabilities reach {@code topP} (the one crossing it included). */
    private static void keepNucleus(double[] p, double topP) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        double cumulative = 0;
        int k = 0;
        while (k < order.length && cumulative < topP) {
            cumulative += p[order[k]];
            k++;
        }
        for (int i = Math.max(k, 1); i < order.length; i++) {
            p[order[i]] = 0;
        }
    }

    private static void normalize(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
    }

    /** Inverse-CDF draw with {@code u} in [0, 1). */
    static int draw(double[] p, double u) {
        double cumulative = 0;
        int lastNonZero = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                cumulative += p[i];
                lastNonZero = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return lastNonZero;
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
