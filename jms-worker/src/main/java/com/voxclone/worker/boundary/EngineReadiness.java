package com.voxclone.worker.boundary;

import com.voxclone.engine.boundary.VoiceEngines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of this worker's engine: down, with the reason, when it could not start. */
@Readiness
@ApplicationScoped
public class EngineReadiness implements HealthCheck {

    @Inject
    WorkerStartup startup;

    @Inject
    VoiceEngines engines;

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("engine").withData("engine", engines.selectedId());
        return startup.problem().map(p -> b.down().withData("error", p)).orElseGet(b::up).build();
    }
}
