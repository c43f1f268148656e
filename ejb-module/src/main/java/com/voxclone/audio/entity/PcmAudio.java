package com.voxclone.audio.entity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Mono audio as float samples in [-1, 1] at a given sample rate. The lingua franca between the audio
 * pipeline and the voice engines; everything the engines see is already decoded, mono and resampled.
 */
public record PcmAudio(float[] samples, int sampleRate) {

    /** The rate every engine receives references at and every engine produces. */
    public static final int MODEL_RATE = 24_000;

    public PcmAudio {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
    }

    public long durationMillis() {
        return Math.round(samples.length * 1000.0 / sampleRate);
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** The samples as 16-bit little-endian PCM, clipped to full scale. */
    public byte[] pcm16() {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, s)) * 32767f));
        }
        return b.array();
    }

    public boolean isEmpty() {
        return samples.length == 0;
    }

    /** The samples from {@code from} (inclusive) to {@code to} (exclusive), as a new clip. */
    public PcmAudio slice(int from, int to) {
        float[] part = new float[Math.max(0, to - from)];
        System.arraycopy(samples, from, part, 0, part.length);
        return new PcmAudio(part, sampleRate);
    }

    /** This clip followed by {@code other}; both must have the same rate. */
    public PcmAudio append(PcmAudio other) {
        if (other.sampleRate != sampleRate) {
            throw new IllegalArgumentException("cannot join " + sampleRate + " Hz and " + other.sampleRate + " Hz audio");
        }
        float[] joined = new float[samples.length + other.samples.length];
        System.arraycopy(samples, 0, joined, 0, samples.length);
        System.arraycopy(other.samples, 0, joined, samples.length, other.samples.length);
        return new PcmAudio(joined, sampleRate);
    }

    /** The clips one after the other, at {@code sampleRate}; all must have that rate. */
    public static PcmAudio concat(List<PcmAudio> clips, int sampleRate) {
        int total = 0;
        for (PcmAudio clip : clips) {
            if (clip.sampleRate != sampleRate) {
                throw new IllegalArgumentException("cannot join " + sampleRate + " Hz and " + clip.sampleRate + " Hz audio");
            }
            total += clip.samples.length;
        }
        float[] joined = new float[total];
        int at = 0;
        for (PcmAudio clip : clips) {
            System.arraycopy(clip.samples, 0, joined, at, clip.samples.length);
            at += clip.samples.length;
        }
        return new PcmAudio(joined, sampleRate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PcmAudio p && p.sampleRate == sampleRate && Arrays.equals(p.samples, samples);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(samples) + sampleRate;
    }

    @Override
    public String toString() {
        return "PcmAudio[" + samples.length + " samples @ " + sampleRate + " Hz]";
    }
}
