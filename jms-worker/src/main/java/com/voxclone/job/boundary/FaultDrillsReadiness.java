package com.voxclone.job.boundary;

import com.voxclone.job.control.FaultInjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Says in the health report (and so in the console) whether fault drills are on and what they inject; never down. */
@Readiness
@ApplicationScoped
public class FaultDrillsReadiness implements HealthCheck {

    @Inject
    FaultInjection faults;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("fault-drills").up();
        faults.describe().forEach(response::withData);
        return response.build();
    }
}
