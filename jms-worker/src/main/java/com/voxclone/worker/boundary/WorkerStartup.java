package com.voxclone.worker.boundary;

import com.voxclone.engine.boundary.VoiceEngine;
import com.voxclone.engine.boundary.VoiceEngines;
import com.voxclone.platform.boundary.RepeatingWork;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings the worker's engine up when the worker starts (once per worker, never per job), then reports the node
 * in the worker registry every few seconds. A worker whose engine cannot start does not report itself, and the
 * readiness check says why.
 */
@Singleton
@Startup
@DependsOn("Platform")
public class WorkerStartup {

    private static final Logger LOG = Logger.getLogger(WorkerStartup.class.getName());
    private final RepeatingWork reporting = new RepeatingWork(LOG, "Reporting this worker to the registry");

    @Inject
    VoiceEngines engines;

    @Inject
    WorkerRegistry registry;

    @Inject
    WorkerIdentity identity;

    private VoiceEngine engine;
    private String problem;
    private boolean reported;

    @PostConstruct
    void start() {
        try {
            VoiceEngine selected = engines.active();
            long began = System.nanoTime();
            selected.warmUp();
            var d = selected.describe();
            LOG.info(() -> String.format("Worker %s ready: engine %s (%s quality) on %s, device %s, model %s; warm-up took %d ms",
                    identity.nodeName(), d.engine(), d.qualityTier(), d.executionProvider(), d.device(), d.model(),
                    (System.nanoTime() - began) / 1_000_000));
            engine = selected;
            heartbeat();
        } catch (RuntimeException e) {
            problem = e.getMessage();
            LOG.log(Level.SEVERE, "The voice engine '" + engines.selectedId() + "' could not start, so this worker takes no jobs: "
                    + e.getMessage(), e);
        }
    }

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void heartbeat() {
        if (engine == null) {
            return;
        }
        // The registry commits on its own; a failure (the database away) is said once, and the next beat tries again.
        reporting.run(() -> {
            registry.heartbeat(identity.nodeName(), identity.host(), engine.describe(), !reported);
            reported = true;
        });
    }

    /** Why the engine is not running, if it is not. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }
}
