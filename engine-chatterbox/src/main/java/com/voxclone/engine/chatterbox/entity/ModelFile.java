package com.voxclone.engine.chatterbox.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * One file of the Chatterbox model directory, by its path relative to the directory (forward slashes, as in the
 * model repository and in download URLs).
 */
public record ModelFile(String relativePath, String purpose) {

    public static final String TOKENIZER = "tokenizer.json";

    /** The graphs the engine loads for a variant, each followed by its weights file. */
    public static List<ModelFile> required(ModelVariant variant) {
        List<ModelFile> files = new ArrayList<>();
        files.add(new ModelFile(TOKENIZER, "text tokenizer"));
        addGraph(files, graph("speech_encoder", ModelPrecision.FP32), "speech encoder (voice enrolment)");
        addGraph(files, graph("embed_tokens", ModelPrecision.FP32), "token embeddings");
        addGraph(files, graph("language_model", variant.languageModel()), "language model (" + variant.languageModel().label() + ")");
        addGraph(files, variant.decoderGraph(), "speech decoder");
        return List.copyOf(files);
    }

    public static String graph(String name, ModelPrecision precision) {
        return "onnx/" + name + precision.suffix() + ".onnx";
    }

    private static void addGraph(List<ModelFile> files, String graph, String purpose) {
        files.add(new ModelFile(graph, purpose));
        files.add(new ModelFile(graph + "_data", purpose + " weights"));
    }

    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
