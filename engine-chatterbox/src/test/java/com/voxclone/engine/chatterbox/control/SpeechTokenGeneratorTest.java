package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.LanguageModelShape;
import com.voxclone.engine.chatterbox.entity.SamplingRules;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechTokenGeneratorTest {

    @TempDir
    static Path dir;

    static OnnxModels models;

    @BeforeAll
    static void load() throws Exception {
        StandInModels.writeModelDirectory(dir, StandInModels.Spec.small(33 + 8 + 5));
        models = OnnxModels.load(ChatterboxConfig.of(dir).withProvider("cpu"));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static VoicePrompt voice() throws Exception {
        return new SpeakerEncoder(models, "test").encode(new float[24_000]);
    }

    @Test
    void readsTheModelSizesFromTheGraph() {
        assertEquals(new LanguageModelShape(8, 2, 4, 3, false), models.shape());
    }

    @Test
    void cacheGrowsByOnePositionPerStepAndGenerationStopsAtTheStopToken() throws Exception {
        long[] ids = {6563, 255, 21, 69, 9, 0, 6561, 6561};
        List<Long> cache = new ArrayList<>();
        List<Integer> streamed = new ArrayList<>();
        TokenSampler sampler = new TokenSampler(new SamplingRules(0.5, 1.2, 0.8, 0.05, 1.0, false), 3);
        SpeechTokenGenerator.Outcome outcome = new SpeechTokenGenerator(models).generate(ids, voice(), 0.5f, sampler, 100,
                new SpeechTokenGenerator.Listener() {
                    @Override
                    public void token(int token) {
                        streamed.add(token);
                    }

                    @Override
                    public void step(int step, long cacheLength) {
                        cache.add(cacheLength);
                    }
                });
        int prompt = 33 + ids.length;
        assertTrue(outcome.stopped());
        assertEquals(5, outcome.tokens().size());
        for (int i = 0; i < 5; i++) {
            assertEquals(StandInModels.scriptedToken(prompt + i, prompt + 5), outcome.tokens().get(i));
        }
        assertEquals(outcome.tokens(), streamed);
        assertEquals(List.of(41L, 42L, 43L, 44L, 45L, 46L), cache, "prefill, then one position per generated token");
    }

    @Test
    void textEmbeddingsCarryExaggerationOnTheEmotionToken() throws Exception {
        long[] ids = {6563, 255, 21, 0, 6561, 6561};
        long[] positions = TextFrontEnd.positions(ids);
        float[] embeds = new SpeechTokenGenerator(models).embedText(ids, 1.5f);
        for (int t = 0; t < ids.length; t++) {
            for (int d = 0; d < 8; d++) {
                assertEquals(StandInModels.expectedEmbedding(ids[t], positions[t], 1.5f, d), embeds[t * 8 + d], 1e-5f);
            }
        }
    }

    @Test
    void guidanceRowBlanksTheTextSpanOnly() throws Exception {
        VoicePrompt voice = voice();
        int textLength = 6;
        float[] text = new float[textLength * 8];
        Arrays.fill(text, 1f);
        float[] prefix = SpeechTokenGenerator.prefix(voice, text, textLength, 8, 2);
        int rows = 33 + textLength;
        for (int r = 0; r < rows; r++) {
            float conditional = prefix[r * 8];
            float unconditional = prefix[(rows + r) * 8];
            boolean blanked = r >= 34 && r <= 33 + textLength - 3;
            assertEquals(r < 33 ? voice.audioFeatures()[r * 8] : 1f, conditional, "row 0 keeps everything at " + r);
            assertEquals(blanked ? 0f : conditional, unconditional, "row 1 at " + r);
        }
    }

    @Test
    void tokensThatAreNotSpeechAreLeftOut(@TempDir Path other) throws Exception {
        int prompt = 33 + 6;
        StandInModels.writeModelDirectory(other, StandInModels.Spec.small(prompt + 4).withNonSpeechTokenAt(prompt + 1));
        try (OnnxModels special = OnnxModels.load(ChatterboxConfig.of(other).withProvider("cpu"))) {
            VoicePrompt voice = new SpeakerEncoder(special, "test").encode(new float[24_000]);
            TokenSampler greedy = new TokenSampler(new SamplingRules(0.5, 1.2, 0.8, 0.05, 1.0, true), 1);
            SpeechTokenGenerator.Outcome outcome = new SpeechTokenGenerator(special)
                    .generate(new long[] {6563, 255, 21, 0, 6561, 6561}, voice, 0.5f, greedy, 50, token -> { });
            assertEquals(List.of(prompt * 7, (prompt + 2) * 7, (prompt + 3) * 7), outcome.tokens());
            assertTrue(outcome.stopped());
        }
    }

    @Test
    void tokenBudgetFollowsTextLength() {
        assertEquals(96, SpeechTokenGenerator.maxNewTokens("Hi.", 1000));
        assertEquals(325, SpeechTokenGenerator.maxNewTokens("x".repeat(100), 1000));
        assertEquals(1000, SpeechTokenGenerator.maxNewTokens("x".repeat(1000), 1000));
        assertEquals(50, SpeechTokenGenerator.maxNewTokens("x".repeat(100), 50));
    }
}
