package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.chatterbox.entity.ChatterboxConfig;
import com.voxclone.engine.chatterbox.entity.LanguageModelShape;
import com.voxclone.engine.chatterbox.entity.ModelFamily;
import com.voxclone.engine.chatterbox.entity.ModelFile;
import com.voxclone.engine.chatterbox.entity.ModelPrecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The four graphs of a Chatterbox model (the original or Turbo, told by the graphs) loaded once into ONNX Runtime and shared by all jobs. Sessions are created from file
 * paths so ONNX Runtime finds the weights files a graph names (relative to the graph) or reads them from the graph
 * itself when they are embedded. The execution provider is chosen by really loading the graphs with it: the GPU
 * build of ONNX Runtime lists CUDA even on machines without a usable GPU, so the list of available providers is not
 * trusted.
 */
public final class OnnxModels implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OnnxModels.class.getName());

    /** ONNX Runtime allows one environment per process; every engine instance shares it. */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    private final OrtSession speechEncoder;
    private final OrtSession embedTokens;
    private final OrtSession languageModel;
    private final OrtSession conditionalDecoder;
    private final String provider;
    private final LanguageModelShape shape;
    private final ModelFamily family;

    private OnnxModels(List<OrtSession> sessions, String provider, ModelFamily family) throws OrtException {
        this.speechEncoder = sessions.get(0);
        this.embedTokens = sessions.get(1);
        this.languageModel = sessions.get(2);
        this.conditionalDecoder = sessions.get(3);
        this.provider = provider;
        this.family = family;
        this.shape = readShape(languageModel);
    }

    /**
     * Loads the graphs with the first provider that works, in the order the configuration asks for
     * ({@code auto}: CUDA, ROCm, CPU). Fails with a non-retryable {@link EngineException} when even the CPU cannot
     * load them (then the files are damaged or of another model).
     */
    public static OnnxModels load(ChatterboxConfig config) {
        List<String> candidates = switch (config.provider()) {
            case "cuda" -> List.of("CUDA", "CPU");
            case "rocm" -> List.of("ROCm", "CPU");
            case "cpu" -> List.of("CPU");
            default -> List.of("CUDA", "ROCm", "CPU");
        };
        OrtException lastFailure = null;
        for (int i = 0; i < candidates.size(); i++) {
            String candidate = candidates.get(i);
            boolean more = i < candidates.size() - 1;
            try {
                // Graphs of another model load on every provider alike: refused at once, not tried elsewhere.
                OnnxModels models = open(config, candidate);
                LOG.info(() -> "Chatterbox model " + models.family.id() + " loaded from " + config.modelDir() + " on " + candidate
                        + " (requested: " + config.provider() + ", " + config.variant().label() + ", "
                        + models.shape + ")");
                return models;
            } catch (EngineException e) {
                throw e;
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                lastFailure = e instanceof OrtException o ? o : new OrtException(e.toString());
                String reason = e.getMessage();
                LOG.log(Level.WARNING, "Chatterbox cannot run on {0} ({1}){2}",
                        new Object[] {candidate, reason, more ? "; trying " + candidates.get(i + 1) + " instead" : ""});
            }
        }
        throw new EngineException("The Chatterbox model in " + config.modelDir() + " could not be loaded even on the CPU: "
                + (lastFailure == null ? "unknown error" : lastFailure.getMessage())
                + ". The files may be damaged or belong to another model; check them with `./voxclone models verify`.", false, lastFailure);
    }

    private static OnnxModels open(ChatterboxConfig config, String provider) throws OrtException {
        List<OrtSession> sessions = new ArrayList<>();
        try (OrtSession.SessionOptions options = options(config, provider)) {
            List<String> graphs = List.of(ModelFile.graph("speech_encoder", ModelPrecision.FP32),
                    ModelFile.graph("embed_tokens", ModelPrecision.FP32),
                    ModelFile.graph("language_model", config.precision()),
                    config.variant().decoderGraph());
            for (String graph : graphs) {
                sessions.add(environment().createSession(config.modelDir().resolve(graph).toString(), options));
            }
            ModelFamily family = GraphSignatures.require(config.modelDir(), graphs, sessions);
            return new OnnxModels(sessions, provider, family);
        } catch (OrtException | RuntimeException e) {
            closeAll(sessions);
            throw e;
        }
    }

    private static OrtSession.SessionOptions options(ChatterboxConfig config, String provider) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (config.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(config.intraOpThreads());
            }
            switch (provider) {
                case "CUDA" -> options.addCUDA(config.deviceId());
                case "ROCm" -> options.addROCM(config.deviceId());
                default -> { }
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private static LanguageModelShape readShape(OrtSession lm) throws OrtException {
        Map<String, NodeInfo> inputs = lm.getInputInfo();
        NodeInfo embeds = inputs.get("inputs_embeds");
        NodeInfo firstPast = inputs.get(LanguageModelShape.pastKey(0));
        if (embeds == null || firstPast == null || !inputs.containsKey("attention_mask")) {
            throw new OrtException("the language model lacks the inputs inputs_embeds, attention_mask and past_key_values.0.key");
        }
        int layers = (int) inputs.keySet().stream().filter(n -> n.startsWith("past_key_values.") && n.endsWith(".key")).count();
        long[] embedShape = ((TensorInfo) embeds.getInfo()).getShape();
        TensorInfo past = (TensorInfo) firstPast.getInfo();
        long[] pastShape = past.getShape();
        return new LanguageModelShape((int) embedShape[embedShape.length - 1], (int) pastShape[1], (int) pastShape[3], layers,
                past.type == OnnxJavaType.FLOAT16);
    }

    private static void closeAll(List<OrtSession> sessions) {
        for (OrtSession s : sessions) {
            try {
                s.close();
            } catch (OrtException e) {
                LOG.log(Level.FINE, "closing a session failed", e);
            }
        }
    }

    public OrtSession speechEncoder() {
        return speechEncoder;
    }

    public OrtSession embedTokens() {
        return embedTokens;
    }

    public OrtSession languageModel() {
        return languageModel;
    }

    public OrtSession conditionalDecoder() {
        return conditionalDecoder;
    }

    /** The execution provider the graphs really run on: {@code CUDA}, {@code ROCm} or {@code CPU}. */
    public String provider() {
        return provider;
    }

    public LanguageModelShape shape() {
        return shape;
    }

    /** Which Chatterbox model the graphs are. */
    public ModelFamily family() {
        return family;
    }

    @Override
    public void close() {
        closeAll(List.of(speechEncoder, embedTokens, languageModel, conditionalDecoder));
    }
}
