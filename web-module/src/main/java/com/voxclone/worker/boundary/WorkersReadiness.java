package com.voxclone.worker.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Jobs can only be processed when at least one worker has reported within {@link WorkerRegistry#FRESHNESS}. */
@Readiness
@ApplicationScoped
public class WorkersReadiness implements HealthCheck {

    @Inject
    WorkerRegistry workers;

    @Override
    public HealthCheckResponse call() {
        try {
            long alive = workers.alive();
            return HealthCheckResponse.named("workers").status(alive > 0).withData("alive", alive).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("workers").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
