package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.chatterbox.entity.LanguageModelShape;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inputs and outputs of the Chatterbox graphs, by name, checked when they are loaded. The files of the original
 * model and of Chatterbox Turbo have the same names; the graphs tell them apart: Turbo's {@code embed_tokens} takes
 * only {@code input_ids} and its language model also takes {@code position_ids}. Graphs that fit neither load in ONNX
 * Runtime just as well and would fail only when first asked to speak; they are refused at the start instead, saying
 * what does not fit.
 */
final class GraphSignatures {

    private static final String POSITION_IDS = "position_ids";

    /** What the engine gives one graph and reads from it. */
    private record Signature(Set<String> inputs, Set<String> outputs) {
    }

    private GraphSignatures() {
    }

    /**
     * Which model the graphs are, then whether they are that model's: every input the engine gives and every output it
     * reads, nothing else required.
     *
     * @param graphs   the graphs' paths relative to the model directory: speech encoder, token embeddings, language
     *                 model, decoder
     * @param sessions their sessions, in the same order
     * @throws EngineException (not retryable) naming every graph that does not fit
     */
    static ModelFamily require(Path modelDir, List<String> graphs, List<OrtSession> sessions) throws OrtException {
        ModelFamily family = sessions.get(1).getInputNames().equals(Set.of("input_ids"))
                && sessions.get(2).getInputNames().contains(POSITION_IDS) ? ModelFamily.TURBO : ModelFamily.ORIGINAL;
        boolean turbo = family == ModelFamily.TURBO;
        List<Signature> expected = List.of(
                new Signature(Set.of("audio_values"), Set.of("audio_features", "audio_tokens", "speaker_embeddings", "speaker_features")),
                new Signature(turbo ? Set.of("input_ids") : Set.of("input_ids", POSITION_IDS, "exaggeration"), Set.of("inputs_embeds")),
                languageModel(sessions.get(2), turbo),
                new Signature(Set.of("speech_tokens", "speaker_embeddings", "speaker_features"), Set.of("waveform")));
        List<String> misfits = new ArrayList<>();
        for (int i = 0; i < graphs.size(); i++) {
            misfit(graphs.get(i), expected.get(i), sessions.get(i)).ifPresent(misfits::add);
        }
        if (misfits.isEmpty()) {
            return family;
        }
        throw new EngineException("The graphs in " + modelDir + " are neither those of Chatterbox (onnx-community/chatterbox-ONNX) "
                + "nor of Chatterbox Turbo (ResembleAI/chatterbox-turbo-ONNX). Read as " + family.id() + ":\n  - "
                + String.join("\n  - ", misfits) + "\n"
                + "Put one model's files there (`./voxclone models fetch`), or set VOXCLONE_ENGINE=offline.", false);
    }

    /** The language model is given its key/value cache for as many layers as it has. */
    private static Signature languageModel(OrtSession session, boolean positions) throws OrtException {
        Set<String> inputs = new LinkedHashSet<>(List.of("inputs_embeds", "attention_mask"));
        if (positions) {
            inputs.add(POSITION_IDS);
        }
        Set<String> outputs = new LinkedHashSet<>(List.of("logits"));
        long layers = session.getInputNames().stream().filter(n -> n.startsWith("past_key_values.") && n.endsWith(".key")).count();
        for (int layer = 0; layer < Math.max(1, layers); layer++) {
            inputs.add(LanguageModelShape.pastKey(layer));
            inputs.add(LanguageModelShape.pastValue(layer));
            outputs.add(LanguageModelShape.presentKey(layer));
            outputs.add(LanguageModelShape.presentValue(layer));
        }
        return new Signature(inputs, outputs);
    }

    private static Optional<String> misfit(String graph, Signature expected, OrtSession session) throws OrtException {
        List<String> problems = new ArrayList<>();
        Set<String> inputs = session.getInputNames();
        Set<String> outputs = session.getOutputNames();
        missing(expected.inputs(), inputs).ifPresent(m -> problems.add("lacks the input" + m));
        missing(inputs, expected.inputs()).ifPresent(m -> problems.add("takes the input" + m + ", which this engine does not give"));
        missing(expected.outputs(), outputs).ifPresent(m -> problems.add("lacks the output" + m));
        return problems.isEmpty() ? Optional.empty() : Optional.of(graph + ": " + String.join("; ", problems));
    }

    /** " s a, b" for what {@code wanted} has and {@code present} lacks (sorted), or empty. */
    private static Optional<String> missing(Set<String> wanted, Set<String> present) {
        Set<String> lacking = new TreeSet<>(wanted);
        lacking.removeAll(present);
        if (lacking.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((lacking.size() > 1 ? "s " : " ") + String.join(", ", lacking));
    }
}
