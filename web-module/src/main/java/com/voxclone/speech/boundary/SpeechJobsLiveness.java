package com.voxclone.speech.boundary;

import com.voxclone.job.boundary.JobLeases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness ({@code GET /health/live}): down while a speech job stopped at its time limit still holds its thread. */
@Liveness
@ApplicationScoped
public class SpeechJobsLiveness implements HealthCheck {

    @Inject
    JobLeases leases;

    @Inject
    @ConfigProperty(name = "voxclone.node.name", defaultValue = "web")
    String nodeName;

    @Override
    public HealthCheckResponse call() {
        return leases.liveness("speech-jobs", nodeName);
    }
}
