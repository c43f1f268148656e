package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.VoicePrompt;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder call on the stand-in graph, whose output length is (2 x all tokens - prompt mel frames) x 480. */
class SpeechDecoderTest {

    @TempDir
    static Path dir;

    static OnnxModels models;

    @BeforeAll
    static void load() throws Exception {
        StandInModels.writeModelDirectory(dir, StandInModels.Spec.small(60));
        models = OnnxModels.load(ChatterboxConfig.of(dir).withProvider("cpu"));
    }

    @AfterAll
    static void close() {
        models.close();
    }

    /** 6 s of voice: 150 tokens; its mel deliberately covers only the first 2 s (100 frames). */
    static VoicePrompt voiceWithTwoSecondsOfMel() {
        return new VoicePrompt("m", "fp32", 33, 8, new float[33 * 8], LongStream.range(0, 150).map(t -> t * 13 % 6561).toArray(),
                new float[192], new float[100 * VoicePrompt.MEL_BINS]);
    }

    @Test
    void onlyTheConfiguredPartOfTheVoiceConditionsTheDecoder() throws Exception {
        long[] fresh = {7, 77, 707, 17};
        float[] twoSeconds = decodeAlone(new SpeechDecoder(models, 50), fresh);
        // 50 prompt tokens and their 100 frames: the graph cuts exactly the prompt's audio, leaving the new tokens.
        assertEquals(fresh.length * 960, twoSeconds.length);
        long[] all = LongStream.concat(LongStream.range(0, 50).map(t -> t * 13 % 6561), Arrays.stream(fresh)).toArray();
        assertArrayEquals(StandInModels.expectedWaveform(all, 100), twoSeconds, 1e-5f);

        // The whole 6 s of tokens with the same 100 frames leaves 4 s of the voice's own tokens in front.
        float[] whole = decodeAlone(new SpeechDecoder(models, 250), fresh);
        assertEquals((100 + fresh.length) * 960, whole.length);
    }

    private static float[] decodeAlone(SpeechDecoder decoder, long[] fresh) throws Exception {
        return decoder.decode(List.of(decoder.input(voiceWithTwoSecondsOfMel(), fresh)))[0];
    }
}
