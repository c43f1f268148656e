package com.voxclone.engine.chatterbox.entity;

import java.util.regex.Pattern;

/**
 * Which files of the model directory the engine loads: the language model in a weight precision, and the speech
 * decoder by name. Besides the published {@code conditional_decoder}, re-exports of the same graph with fewer
 * flow-matching steps exist (e.g. {@code conditional_decoder_n6}, {@code _n4}); each step less makes a decoder call
 * cheaper at some cost in quality.
 *
 * @param languageModel precision of {@code onnx/language_model<suffix>.onnx}
 * @param decoder       name of the decoder graph, {@code onnx/<decoder>.onnx}
 */
public record ModelVariant(ModelPrecision languageModel, String decoder) {

    public static final String DEFAULT_DECODER = "conditional_decoder";
    private static final Pattern GRAPH_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    public ModelVariant {
        if (languageModel == null) {
            throw new IllegalArgumentException("the language model precision is required");
        }
        decoder = decoder == null || decoder.isBlank() ? DEFAULT_DECODER : decoder.trim();
        if (!GRAPH_NAME.matcher(decoder).matches() || decoder.endsWith(".onnx")) {
            throw new IllegalArgumentException("voxclone.model.decoder must be the name of a graph in the model's onnx/ folder "
                    + "without '.onnx', e.g. conditional_decoder or conditional_decoder_n6; was '" + decoder + "'");
        }
    }

    /** The published decoder with a language model of the given precision. */
    public static ModelVariant of(ModelPrecision languageModel) {
        return new ModelVariant(languageModel, DEFAULT_DECODER);
    }

    /** Path of the decoder graph relative to the model directory. */
    public String decoderGraph() {
        return "onnx/" + decoder + ".onnx";
    }

    /** For messages and the engine's description, e.g. {@code language model q4, decoder conditional_decoder}. */
    public String label() {
        return "language model " + languageModel.label() + ", decoder " + decoder;
    }
}
