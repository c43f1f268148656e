package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.AudioChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveformStitcherTest {

    /** A decoder that, like the real one, lands on a slightly different waveform each call (here: a DC offset). */
    private static final class OffsetDecoder implements WaveformStitcher.Decoder {
        int calls;

        @Override
        public float[] decode(long[] tokens) {
            float offset = (calls++ % 2 == 0) ? 0.2f : -0.2f;
            float[] wave = new float[tokens.length * WaveformStitcher.SAMPLES_PER_TOKEN];
            for (int i = 0; i < wave.length; i++) {
                wave[i] = offset;
            }
            return wave;
        }
    }

    @Test
    void chunkSizesMapToTokenCounts() {
        assertEquals(2, WaveformStitcher.firstChunkTokens(512));
        assertEquals(3, WaveformStitcher.firstChunkTokens(2048));
        assertEquals(5, WaveformStitcher.firstChunkTokens(4096));
    }

    @Test
    void crossFadesHideTheJumpBetweenDifferentlyDecodedChunks() throws Exception {
        List<AudioChunk> chunks = new ArrayList<>();
        WaveformStitcher stitcher = WaveformStitcher.streaming(new OffsetDecoder(), chunks::add, 2048, 25, 2, 4);
        for (int t = 0; t < 40; t++) {
            stitcher.accept(t);
        }
        stitcher.finish();
        float[] all = chunks.stream().map(AudioChunk::audio).reduce((a, b) -> a.append(b)).orElseThrow().samples();
        assertEquals(40 * 960, all.length, "context and held-back samples are neither lost nor doubled");
        float largestStep = 0;
        for (int i = 1; i < all.length; i++) {
            largestStep = Math.max(largestStep, Math.abs(all[i] - all[i - 1]));
        }
        // A hard cut would jump by 0.4; spread over 480 samples no step exceeds a few thousandths.
        assertTrue(largestStep < 0.01f, "largest sample-to-sample step " + largestStep);
        assertTrue(chunks.get(chunks.size() - 1).last());
        assertEquals(1, chunks.stream().filter(AudioChunk::last).count());
    }

    @Test
    void chunksDoubleUpToTheConfiguredSize() throws Exception {
        // New tokens 3, 6, then 10 at most; later calls also re-decode up to 4 already-played tokens of context.
        assertEquals(List.of(3, 3 + 6, 4 + 10, 4 + 10, 4 + 10, 4 + 10, 4 + 10, 4 + 1), decoderCallSizes(60, 10, 2, 4));
    }

    @Test
    void chunksGrowByTheConfiguredFactor() throws Exception {
        // New tokens 3, 24 (3 x 8), 192 (24 x 8), then the 34 left; every call after the first re-decodes 10 of context.
        assertEquals(List.of(3, 3 + 24, 10 + 192, 10 + 34), decoderCallSizes(253, 250, 8, 10));
    }

    /** The tokens each decoder call gets when {@code tokens} are streamed with a first chunk of 2048 samples. */
    private static List<Integer> decoderCallSizes(int tokens, int maxChunkTokens, int growth, int context) throws Exception {
        List<Integer> decoded = new ArrayList<>();
        WaveformStitcher stitcher = WaveformStitcher.streaming(call -> {
            decoded.add(call.length);
            return new float[call.length * WaveformStitcher.SAMPLES_PER_TOKEN];
        }, chunk -> { }, 2048, maxChunkTokens, growth, context);
        for (int t = 0; t < tokens; t++) {
            stitcher.accept(t);
        }
        stitcher.finish();
        return decoded;
    }

    @Test
    void aLargeFixedChunkDecodesOnceAtTheEnd() throws Exception {
        List<AudioChunk> chunks = new ArrayList<>();
        OffsetDecoder decoder = new OffsetDecoder();
        WaveformStitcher stitcher = WaveformStitcher.fixed(decoder, chunks::add, 500, 4);
        for (int t = 0; t < 30; t++) {
            stitcher.accept(t);
        }
        stitcher.finish();
        assertEquals(1, decoder.calls);
        assertEquals(1, chunks.size());
        assertEquals(30 * 960, chunks.get(0).audio().samples().length);
    }

    @Test
    void noTokensStillEndsTheStream() throws Exception {
        List<AudioChunk> chunks = new ArrayList<>();
        WaveformStitcher.streaming(new OffsetDecoder(), chunks::add, 512, 25, 2, 4).finish();
        assertEquals(1, chunks.size());
        assertTrue(chunks.get(0).last());
        assertEquals(0, chunks.get(0).audio().samples().length);
    }
}
