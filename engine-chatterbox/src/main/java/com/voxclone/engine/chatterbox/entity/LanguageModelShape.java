package com.voxclone.engine.chatterbox.entity;

/**
 * Sizes of the loaded language model, read from the graph rather than assumed (the real model has D 1024, H 16,
 * Dh 64, L 30; stand-ins and other exports differ).
 *
 * @param hidden      D, embedding width
 * @param heads       H, key/value heads
 * @param headDim     Dh
 * @param layers      L, count of {@code past_key_values.*.key} inputs
 * @param halfCache   whether pasts and presents are float16
 */
public record LanguageModelShape(int hidden, int heads, int headDim, int layers, boolean halfCache) {

    public static String pastKey(int layer) {
        return "past_key_values." + layer + ".key";
    }

    public static String pastValue(int layer) {
        return "past_key_values." + layer + ".value";
    }

    public static String presentKey(int layer) {
        return "present." + layer + ".key";
    }

    public static String presentValue(int layer) {
        return "present." + layer + ".value";
    }
}
