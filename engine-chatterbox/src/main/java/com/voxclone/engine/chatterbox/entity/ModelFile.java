package com.voxclone.engine.chatterbox.entity;

import java.util.ArrayList;
import java.util.List;

/**
 * One file of the Chatterbox model directory, by its path relative to the directory (forward slashes, as in the
 * model repository and in download URLs).
 */
public record ModelFile(String relativePath, String purpose) {

    public static final String TOKENIZER = "tokenizer.json";

    /**
     * The files the engine loads for a variant: the tokenizer and the graphs. The weights files are those each graph
     * references (see the model directory check): none when its weights are embedded.
     */
    public static List<ModelFile> required(ModelVariant variant) {
        List<ModelFile> files = new ArrayList<>();
        files.add(new ModelFile(TOKENIZER, "text tokenizer"));
        files.add(new ModelFile(graph("speech_encoder", ModelPrecision.FP32), "speech encoder (voice enrolment)"));
        files.add(new ModelFile(graph("embed_tokens", ModelPrecision.FP32), "token embeddings"));
        files.add(new ModelFile(graph("language_model", variant.languageModel()), "language model (" + variant.languageModel().label() + ")"));
        files.add(new ModelFile(variant.decoderGraph(), "speech decoder"));
        return List.copyOf(files);
    }

    public static String graph(String name, ModelPrecision precision) {
        return "onnx/" + name + precision.suffix() + ".onnx";
    }

    public boolean isGraph() {
        return relativePath.endsWith(".onnx");
    }

    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
