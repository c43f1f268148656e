package com.voxclone.engine.chatterbox.entity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class VoicePromptTest {

    /** A 10 s voice: 250 tokens, 500 mel frames whose first bin holds the frame number. */
    static VoicePrompt tenSeconds() {
        float[] mel = new float[500 * VoicePrompt.MEL_BINS];
        for (int frame = 0; frame < 500; frame++) {
            mel[frame * VoicePrompt.MEL_BINS] = frame;
        }
        return new VoicePrompt("m", "fp32", 33, 4, new float[33 * 4], LongStream.range(0, 250).toArray(), new float[192], mel);
    }

    @Test
    void theDecoderPromptKeepsTokensAndMelFramesAligned() {
        VoicePrompt voice = tenSeconds();
        VoicePrompt four = voice.withDecoderPromptOf(100);
        assertArrayEquals(LongStream.range(0, 100).toArray(), four.audioTokens());
        assertEquals(200, four.featureFrames(), "two mel frames per token");
        assertEquals(199f, four.speakerFeatures()[199 * VoicePrompt.MEL_BINS], "the first frames are kept");
        assertArrayEquals(voice.audioFeatures(), four.audioFeatures(), "the language-model prefix is untouched");
        assertArrayEquals(voice.speakerEmbedding(), four.speakerEmbedding());
    }

    @Test
    void aShortEnoughVoiceIsUsedAsItIs() {
        VoicePrompt voice = tenSeconds();
        assertSame(voice, voice.withDecoderPromptOf(250));
        assertSame(voice, voice.withDecoderPromptOf(1000));
        assertThrows(IllegalArgumentException.class, () -> voice.withDecoderPromptOf(0));
    }

    @Test
    void shorterMelThanTokensIsNotPaddedUp() {
        VoicePrompt voice = tenSeconds();
        VoicePrompt odd = new VoicePrompt("m", "fp32", 33, 4, voice.audioFeatures(), voice.audioTokens(), voice.speakerEmbedding(),
                Arrays.copyOf(voice.speakerFeatures(), 150 * VoicePrompt.MEL_BINS));
        assertEquals(150, odd.withDecoderPromptOf(100).featureFrames());
    }

    @Test
    void decoderLimitsAreCheckedWithTheirRanges() {
        DecodingOptions defaults = DecodingOptions.defaults();
        assertEquals(250, defaults.decoderPromptTokens());
        assertEquals(25, defaults.maxChunkTokens());
        assertEquals(100, defaults.withDecoderLimits(100, 4).decoderPromptTokens());
        IllegalArgumentException prompt = assertThrows(IllegalArgumentException.class, () -> defaults.withDecoderLimits(25, 11));
        assertEquals("the decoder prompt must be between 1 and 10 seconds, was 11", prompt.getMessage());
        assertThrows(IllegalArgumentException.class, () -> defaults.withDecoderLimits(0, 10));
        assertThrows(IllegalArgumentException.class, () -> defaults.withDecoderLimits(501, 10));
    }
}
