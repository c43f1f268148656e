package com.voxclone.engine.chatterbox.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Weight precision of the language model, i.e. which file variant is loaded. The speech encoder and the token
 * embeddings always load in fp32 (the encoder runs once per voice, the embeddings are small); the decoder is chosen
 * by name ({@link ModelVariant}), because reduced-precision vocoders were reported to sound brighter or produce NaN.
 */
public enum ModelPrecision {
    FP32(""), FP16("_fp16"), QUANTIZED("_quantized"), Q4("_q4"), Q4F16("_q4f16");

    private final String suffix;

    ModelPrecision(String suffix) {
        this.suffix = suffix;
    }

    /** File name suffix before {@code .onnx}, e.g. {@code _q4} for {@code language_model_q4.onnx}. */
    public String suffix() {
        return suffix;
    }

    public static ModelPrecision parse(String text) {
        String wanted = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (ModelPrecision p : values()) {
            if (p.name().equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown model precision '" + text + "'; allowed: "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
