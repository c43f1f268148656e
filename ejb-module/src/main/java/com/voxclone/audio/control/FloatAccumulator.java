package com.voxclone.audio.control;

import java.nio.FloatBuffer;
import java.util.Arrays;

/** A growable float array for collecting decoded samples without boxing. */
final class FloatAccumulator {

    private float[] data;
    private int size;

    FloatAccumulator(int initialCapacity) {
        data = new float[Math.max(16, initialCapacity)];
    }

    void add(FloatBuffer buffer) {
        int count = buffer.remaining();
        ensureCapacity(size + count);
        buffer.duplicate().get(data, size, count);
        size += count;
    }

    void add(float[] samples, int from, int count) {
        ensureCapacity(size + count);
        System.arraycopy(samples, from, data, size, count);
        size += count;
    }

    int size() {
        return size;
    }

    float[] toArray() {
        return Arrays.copyOf(data, size);
    }

    private void ensureCapacity(int needed) {
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
    }
}
