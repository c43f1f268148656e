package com.voxclone.worker.boundary;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The jobs each node is working on. Kept by the job component (which knows the jobs and uses the workers, not the
 * other way round); the worker list shows them.
 */
public interface CurrentJobs {

    /** Node name to the ids of the jobs it is working on, oldest start first. */
    Map<String, List<UUID>> byNode();
}
