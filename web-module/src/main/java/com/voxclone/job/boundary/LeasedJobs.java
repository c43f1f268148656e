package com.voxclone.job.boundary;

import com.voxclone.worker.boundary.CurrentJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A node's current jobs are those it holds the lease of: it renews them while it works, whatever their number. */
@ApplicationScoped
public class LeasedJobs implements CurrentJobs {

    @Inject
    JobLifecycle lifecycle;

    @Override
    public Map<String, List<UUID>> byNode() {
        return lifecycle.heldJobs();
    }
}
