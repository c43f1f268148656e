package com.voxclone.engine.chatterbox.entity;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Result of checking a model directory: every file that is missing, empty or does not match its checksum.
 */
public record ModelCheck(Path directory, ModelVariant variant, List<Problem> problems) {

    /** What is wrong with one file. */
    public record Problem(ModelFile file, String issue) {
    }

    public ModelCheck {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * A message for the operator: which files, what is wrong, and how to get them (the commands act on the node's model,
     * {@code VOXCLONE_MODEL}).
     */
    public String message() {
        return message("");
    }

    /** The same, with commands naming {@code model} ({@code chatterbox-turbo}), for a check of that model. */
    public String message(String model) {
        String named = model.isEmpty() ? "" : " " + model;
        if (ok()) {
            return "Chatterbox model files in " + directory + " are complete (" + variant.label() + ").";
        }
        String list = problems.stream()
                .map(p -> "  - " + p.file().relativePath() + " (" + p.file().purpose() + "): " + p.issue())
                .collect(Collectors.joining("\n"));
        return "The Chatterbox model in " + directory + " (" + variant.label() + ") is not usable:\n" + list
                + "\nDownload the model with `./voxclone models fetch" + named + "`, or copy it from another machine with "
                + "`./voxclone models install <dir|archive>" + named + "` (a directory or .tar/.tar.gz/.zip holding tokenizer.json and onnx/). "
                + "Set VOXCLONE_MODEL_DIR to use another directory, or VOXCLONE_ENGINE=offline to run without this model.";
    }
}
