package com.voxclone.engine.boundary;

import com.voxclone.engine.entity.EngineDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Picks the engine named by {@code voxclone.engine} (environment: {@code VOXCLONE_ENGINE}) among the engines
 * packaged with this application. Only the worker application packages engines. The engine must run the model whose
 * jobs this node's message selectors take ({@value EngineDescriptor#NODE_MODEL_SETTING}), or no job is spoken with it.
 */
@ApplicationScoped
public class VoiceEngines {

    @Inject
    @Any
    Instance<VoiceEngine> engines;

    @Inject
    @Any
    Instance<VoiceEngineProvider> providers;

    @Inject
    @ConfigProperty(name = "voxclone.engine", defaultValue = "offline")
    String selected;

    @Inject
    @ConfigProperty(name = EngineDescriptor.NODE_MODEL_SETTING, defaultValue = "offline")
    String nodeModel;

    /** The engine once found and checked: every job asks for it. */
    private volatile VoiceEngine checked;

    public VoiceEngine active() {
        VoiceEngine engine = checked;
        if (engine == null) {
            engine = ofTheNodesModel(configured());
            checked = engine;
        }
        return engine;
    }

    private VoiceEngine configured() {
        for (VoiceEngine engine : engines) {
            if (engine.id().equals(selected)) {
                return engine;
            }
        }
        for (VoiceEngineProvider provider : providers) {
            if (provider.id().equals(selected)) {
                return provider.engine();
            }
        }
        String available = Stream.concat(engines.stream().map(VoiceEngine::id), providers.stream().map(VoiceEngineProvider::id))
                .sorted().collect(Collectors.joining(", "));
        throw new IllegalStateException("The configured voice engine '" + selected + "' is not available here"
                + (available.isEmpty() ? " (this application has no engines: engines run on worker nodes)"
                : "; available engines: " + available + ". Set VOXCLONE_ENGINE to one of them."));
    }

    /** A worker speaking another model's jobs would give them the wrong voice: refused, saying how to set it right. */
    private VoiceEngine ofTheNodesModel(VoiceEngine engine) {
        String running = engine.describe().modelId();
        if (!running.equals(nodeModel)) {
            throw new IllegalStateException("The engine runs the model " + running + ", but this node takes the jobs of "
                    + nodeModel + " (" + EngineDescriptor.NODE_MODEL_SETTING + ", which the launcher derives from VOXCLONE_ENGINE "
                    + "and VOXCLONE_MODEL; set it to " + running + " where the applications are deployed another way)");
        }
        return engine;
    }

    public String selectedId() {
        return selected;
    }
}
