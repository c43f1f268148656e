package com.voxclone.engine.offline.control;

import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import java.util.function.Consumer;

/**
 * Hands synthesised sentences on as numbered chunks. Every chunk but the last holds a whole multiple of the requested
 * chunk size; the samples left over from one sentence are carried into the next chunk, so a chunk is about a sentence
 * long and the stream stays gapless.
 */
public final class ChunkStreamer {

    private final int chunkSize;
    private final Consumer<AudioChunk> sink;
    private float[] carry = new float[0];
    private int sequence;

    public ChunkStreamer(int chunkSize, Consumer<AudioChunk> sink) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive, was " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.sink = sink;
    }

    /** Adds one sentence of 24 kHz audio; with {@code last} everything still held is sent and the stream ends. */
    public void add(float[] sentence, boolean last) {
        float[] all = new float[carry.length + sentence.length];
        System.arraycopy(carry, 0, all, 0, carry.length);
        System.arraycopy(sentence, 0, all, carry.length, sentence.length);
        int send = last ? all.length : all.length / chunkSize * chunkSize;
        if (send > 0 || last) {
            float[] chunk = new float[send];
            System.arraycopy(all, 0, chunk, 0, send);
            sink.accept(new AudioChunk(sequence++, new PcmAudio(chunk, PcmAudio.MODEL_RATE), last));
        }
        carry = new float[all.length - send];
        System.arraycopy(all, send, carry, 0, carry.length);
    }
}
