package com.voxclone.engine.chatterbox.entity;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Chatterbox models the engine runs, told apart by their graphs (the files are named alike): the original English
 * model, and Chatterbox Turbo, whose token embeddings take only {@code input_ids} and whose language model (GPT-2
 * medium) also takes {@code position_ids}. Chatterbox Multilingual has the original's graphs; its tokenizer, which
 * has a token for each language ({@code [fr]}), tells it apart.
 *
 * @param id               the model's name in the API and in the engine's description
 * @param defaultModelId   the published release, stored with every voice enrolled with it
 * @param promptSeconds    seconds of the reference the speech encoder is given for the language model's prompt
 * @param guidance         whether the model has exaggeration, classifier-free guidance and min_p (Turbo has none)
 */
public enum ModelFamily {

    ORIGINAL("chatterbox", "onnx-community/chatterbox-ONNX", 10, true),
    TURBO("chatterbox-turbo", "ResembleAI/chatterbox-turbo-ONNX", 15, false),
    MULTILINGUAL("chatterbox-multilingual", "onnx-community/chatterbox-multilingual-ONNX", 10, true);

    private final String id;
    private final String defaultModelId;
    private final int promptSeconds;
    private final boolean guidance;

    ModelFamily(String id, String defaultModelId, int promptSeconds, boolean guidance) {
        this.id = id;
        this.defaultModelId = defaultModelId;
        this.promptSeconds = promptSeconds;
        this.guidance = guidance;
    }

    public String id() {
        return id;
    }

    /**
     * The model named {@code id} ({@code VOXCLONE_MODEL}).
     *
     * @throws IllegalArgumentException naming the models there are
     */
    public static ModelFamily byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "There is no Chatterbox model '" + id + "'; the models are " + ids()));
    }

    /** The model ids, for messages: "chatterbox, chatterbox-turbo". */
    public static String ids() {
        return Arrays.stream(values()).map(ModelFamily::id).collect(Collectors.joining(", "));
    }

    /** Where the published release's files are downloaded from. */
    public URI defaultUrl() {
        return URI.create("https://huggingface.co/" + defaultModelId + "/resolve/main/");
    }

    public String defaultModelId() {
        return defaultModelId;
    }

    public int promptSeconds() {
        return promptSeconds;
    }

    public boolean guidance() {
        return guidance;
    }

    /**
     * The release to record with voices: the configured one, unless it is the other family's default (the setting was
     * left alone and the model directory holds this family's graphs).
     */
    public String modelId(String configured) {
        for (ModelFamily other : values()) {
            if (other != this && other.defaultModelId.equals(configured)) {
                return defaultModelId;
            }
        }
        return configured == null || configured.isBlank() ? defaultModelId : configured;
    }
}
