package com.voxclone.engine.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Picks the engine named by {@code voxclone.engine} (environment: {@code VOXCLONE_ENGINE}) among the engines
 * packaged with this application. Only the worker application packages engines.
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

    public VoiceEngine active() {
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

    public String selectedId() {
        return selected;
    }
}
