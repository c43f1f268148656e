package com.voxclone.job.boundary;

import com.voxclone.worker.boundary.WorkerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness ({@code GET /health/live}): down while a clone job stopped at its time limit still holds its thread. */
@Liveness
@ApplicationScoped
public class CloneJobsLiveness implements HealthCheck {

    @Inject
    JobLeases leases;

    @Inject
    WorkerIdentity identity;

    @Override
    public HealthCheckResponse call() {
        return leases.liveness("clone-jobs", identity.nodeName());
    }
}
