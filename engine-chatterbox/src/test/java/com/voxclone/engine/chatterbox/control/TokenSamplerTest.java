package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.chatterbox.entity.SamplingRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    private static SamplingRules rules(double cfg, double penalty, double temperature, double minP, double topP, boolean greedy) {
        return new SamplingRules(cfg, penalty, temperature, minP, topP, greedy);
    }

    @Test
    void guidanceIsConditionalPlusWeightTimesDifference() {
        float[] c = {1f, 2f, -1f};
        float[] u = {0.5f, 3f, -1f};
        assertArrayEquals(new float[] {1.25f, 1.5f, -1f}, TokenSampler.guide(c, u, 0.5), 1e-6f);
        // Guidance can change the winner: the unconditional row likes token 1, so it is pushed down.
        TokenSampler greedy = new TokenSampler(rules(2.0, 1.0, 1.0, 0, 1, true), 1);
        assertEquals(1, greedy.next(new float[] {1f, 1.2f}, null, Set.of()));
        assertEquals(0, greedy.next(new float[] {1f, 1.2f}, new float[] {1f, 2f}, Set.of()));
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        float[] logits = {2.4f, -1f, 3f};
        TokenSampler.penalize(logits, List.of(0, 1), 1.2f);
        assertArrayEquals(new float[] {2f, -1.2f, 3f}, logits, 1e-6f);
        TokenSampler greedy = new TokenSampler(rules(0, 1.5, 1.0, 0, 1, true), 1);
        assertEquals(1, greedy.next(new float[] {3f, 2.5f}, null, Set.of(0)), "the seen token loses its lead");
    }

    @Test
    void temperatureMinPAndTopPShapeTheDistribution() {
        float[] logits = {2f, 1f, 0f, -3f};
        double[] plain = TokenSampler.filteredProbabilities(logits, 1.0, 0, 1.0);
        double[] hot = TokenSampler.filteredProbabilities(logits, 5.0, 0, 1.0);
        assertTrue(hot[3] > plain[3] && hot[0] < plain[0], "higher temperature flattens");
        assertEquals(Math.exp(2) / (Math.exp(2) + Math.exp(1) + 1 + Math.exp(-3)), plain[0], 1e-9);

        double[] minP = TokenSampler.filteredProbabilities(logits, 1.0, 0.3, 1.0);
        assertEquals(0, minP[2], "e^0 / e^2 = 0.135 < 0.3 is dropped");
        assertEquals(0, minP[3]);
        assertTrue(minP[1] > 0);
        assertEquals(1.0, minP[0] + minP[1], 1e-9);

        double[] topP = TokenSampler.filteredProbabilities(logits, 1.0, 0, 0.7);
        assertTrue(topP[0] > 0 && topP[1] > 0, "0.66 alone is below 0.7, so the second token stays");
        assertEquals(0, topP[2]);
        assertEquals(1.0, topP[0] + topP[1], 1e-9);
    }

    @Test
    void drawFollowsTheCumulativeDistribution() {
        double[] p = {0.0, 0.25, 0.0, 0.75};
        assertEquals(1, TokenSampler.draw(p, 0.1));
        assertEquals(3, TokenSampler.draw(p, 0.3));
        assertEquals(3, TokenSampler.draw(p, 0.9999999));
    }

    @Test
    void sameSeedGivesTheSameTokensAndOtherSeedsDiffer() {
        float[] logits = new float[64];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.sin(i);
        }
        List<Integer> first = sample(123, logits);
        assertEquals(first, sample(123, logits));
        assertNotEquals(first, sample(124, logits));
        assertTrue(new HashSet<>(first).size() > 5, "sampling at temperature 1 spreads over tokens");
    }

    private static List<Integer> sample(long seed, float[] logits) {
        TokenSampler sampler = new TokenSampler(rules(0.5, 1.0, 1.0, 0.0, 1.0, false), seed);
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(sampler.next(logits, logits, Set.of()));
        }
        return tokens;
    }
}
