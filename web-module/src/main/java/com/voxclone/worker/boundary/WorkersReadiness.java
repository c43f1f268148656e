package com.voxclone.worker.boundary;

import com.voxclone.platform.boundary.Platform;
import com.voxclone.platform.entity.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Jobs can only be processed when at least one worker has reported within {@link WorkerRegistry#FRESHNESS}, and
 * since this application started: the node is ready on current evidence only, never on a heartbeat left by a worker
 * that died with the node's previous run.
 */
@Readiness
@ApplicationScoped
public class WorkersReadiness implements HealthCheck {

    @Inject
    WorkerRegistry workers;

    OffsetDateTime startedAt = Timestamps.now();

    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        startedAt = Timestamps.now();
    }

    @Override
    public HealthCheckResponse call() {
        if (!Platform.schemaReady()) {
            return HealthCheckResponse.named("workers").down().withData("database", "schema being brought up to date").build();
        }
        try {
            long alive = workers.alive(startedAt);
            return HealthCheckResponse.named("workers").status(alive > 0).withData("alive", alive).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("workers").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
