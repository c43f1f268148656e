package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OrtException;
import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a growing list of speech tokens into a gap-free stream of audio chunks. Each chunk decodes its new tokens
 * together with up to {@code contextTokens} already-played ones, so the decoder hears what came before; the
 * context's share of the samples is dropped. The decoder adds fresh noise on each call, so the last
 * {@value #CROSSFADE_SAMPLES} samples of every chunk are held back and cross-faded with the same stretch of the next
 * chunk's context (raised-cosine weights that sum to one).
 *
 * <p>Chunk sizes: the first chunk is decoded once there are enough tokens for the requested chunk size (about 960
 * samples per token, less the held-back tail); each later chunk is a configured factor larger (doubling by default),
 * up to a configured size (one second, 25 tokens, by default), because every decoder call pays for the voice prompt
 * again. Without a listener ({@link #fixed}) the chunks have one large fixed size.
 */
public final class WaveformStitcher {

    public static final int SAMPLES_PER_TOKEN = 960;
    public static final int CROSSFADE_SAMPLES = 480;

    /** Decodes speech tokens (without the voice prompt) to samples. */
    @FunctionalInterface
    public interface Decoder {
        float[] decode(long[] tokens) throws OrtException;
    }

    private final Decoder decoder;
    private final Consumer<AudioChunk> sink;
    private final int contextTokens;
    private final List<Long> tokens = new ArrayList<>();
    private int nextChunkTokens;
    private final int maxChunkTokens;
    private final int chunkGrowth;
    private int played;
    private float[] heldBack = new float[0];
    private int sequence;

    private WaveformStitcher(Decoder decoder, Consumer<AudioChunk> sink, int firstChunkTokens, int maxChunkTokens, int chunkGrowth,
                             int contextTokens) {
        this.decoder = decoder;
        this.sink = sink;
        this.nextChunkTokens = firstChunkTokens;
        this.maxChunkTokens = maxChunkTokens;
        this.chunkGrowth = chunkGrowth;
        this.contextTokens = contextTokens;
    }

    /**
     * Streams with a first chunk sized from {@code chunkSamples} (512-4096 samples at 24 kHz); each later chunk is
     * {@code chunkGrowth} times the one before, up to {@code maxChunkTokens} (never below the first).
     */
    public static WaveformStitcher streaming(Decoder decoder, Consumer<AudioChunk> sink, int chunkSamples, int maxChunkTokens,
                                             int chunkGrowth, int contextTokens) {
        return new WaveformStitcher(decoder, sink, firstChunkTokens(chunkSamples),
                Math.max(maxChunkTokens, firstChunkTokens(chunkSamples)), chunkGrowth, contextTokens);
    }

    /** Fixed chunks of {@code tokensPerChunk}: whole clips, or long inputs decoded piecewise (voice conversion). */
    public static WaveformStitcher fixed(Decoder decoder, Consumer<AudioChunk> sink, int tokensPerChunk, int contextTokens) {
        return new WaveformStitcher(decoder, sink, tokensPerChunk, tokensPerChunk, 1, contextTokens);
    }

    /** Tokens needed so the first chunk holds at least {@code chunkSamples} samples after the held-back tail. */
    public static int firstChunkTokens(int chunkSamples) {
        return Math.max(1, (chunkSamples + CROSSFADE_SAMPLES + SAMPLES_PER_TOKEN - 1) / SAMPLES_PER_TOKEN);
    }

    public void accept(long token) throws OrtException {
        tokens.add(token);
        if (tokens.size() - played >= nextChunkTokens) {
            emit(false);
            nextChunkTokens = (int) Math.min(maxChunkTokens, (long) chunkGrowth * nextChunkTokens);
        }
    }

    /** Decodes what is left and sends the last chunk (possibly only the held-back tail, or empty). */
    public void finish() throws OrtException {
        emit(true);
    }

    private void emit(boolean last) throws OrtException {
        int fresh = tokens.size() - played;
        float[] out;
        if (fresh == 0) {
            out = heldBack;
        } else {
            int context = Math.min(played, contextTokens);
            long[] segment = tokens.subList(played - context, tokens.size()).stream().mapToLong(Long::longValue).toArray();
            float[] wave = decoder.decode(segment);
            int contextSamples = Math.max(0, Math.min(wave.length, wave.length - fresh * SAMPLES_PER_TOKEN));
            int overlap = Math.min(heldBack.length, contextSamples);
            int tail = last ? 0 : Math.min(CROSSFADE_SAMPLES, wave.length - contextSamples);
            int unmixedHeld = heldBack.length - overlap;
            out = new float[unmixedHeld + overlap + (wave.length - contextSamples - tail)];
            System.arraycopy(heldBack, 0, out, 0, unmixedHeld);
            for (int i = 0; i < overlap; i++) {
                double fadeIn = 0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / overlap);
                out[unmixedHeld + i] = (float) (heldBack[unmixedHeld + i] * (1 - fadeIn)
                        + wave[contextSamples - overlap + i] * fadeIn);
            }
            System.arraycopy(wave, contextSamples, out, unmixedHeld + overlap, wave.length - contextSamples - tail);
            heldBack = Arrays.copyOfRange(wave, wave.length - tail, wave.length);
            played = tokens.size();
        }
        if (out.length > 0 || last) {
            sink.accept(new AudioChunk(sequence++, new PcmAudio(out, PcmAudio.MODEL_RATE), last));
        }
        if (last) {
            heldBack = new float[0];
        }
    }
}
