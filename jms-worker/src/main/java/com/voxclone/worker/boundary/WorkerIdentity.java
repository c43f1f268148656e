package com.voxclone.worker.boundary;

import com.voxclone.engine.entity.EngineDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who this worker is, as written into each job's {@code workerInfo} and the worker registry. */
@ApplicationScoped
public class WorkerIdentity {

    @Inject
    @ConfigProperty(name = "voxclone.node.name")
    Optional<String> configuredName;

    public String nodeName() {
        return configuredName.filter(n -> !n.isBlank()).orElseGet(this::host);
    }

    /** Resolved once: a name lookup per job (or per heartbeat) is slow where DNS is slow. */
    private final String host = lookUpHost();

    public String host() {
        return host;
    }

    private static String lookUpHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public String workerInfo(EngineDescriptor engine) {
        return Json.createObjectBuilder()
                .add("node", nodeName())
                .add("host", host())
                .add("engine", engine.engine())
                .add("qualityTier", engine.qualityTier())
                .add("model", engine.model())
                .add("modelId", engine.modelId())
                .add("executionProvider", engine.executionProvider())
                .add("device", engine.device())
                .build().toString();
    }
}
