package com.voxclone.job.boundary;

import com.voxclone.job.control.JobMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the leases of the jobs this application is working on, renewing them every third of the lease while the
 * work goes on; and on the same beat hands back (or fails) the jobs of the whole installation whose holder stopped
 * renewing, so that no job stays {@code processing} when its node is gone. Every application of every node does this;
 * each lapsed job is taken by one of them.
 */
@Singleton
@Startup
@DependsOn("Platform")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobLeases.class.getName());

    @Resource
    TimerService timers;

    @Inject
    JobLifecycle lifecycle;

    @Inject
    JobMetrics metrics;

    @Inject
    @ConfigProperty(name = "voxclone.node.name", defaultValue = "voxclone")
    String nodeName;

    /** Job id to the node name it was started under. */
    private final Map<UUID, String> held = new ConcurrentHashMap<>();
    private volatile boolean failing;

    @PostConstruct
    void beat() {
        long every = Math.max(1000, lifecycle.lease().toMillis() / 3);
        timers.createIntervalTimer(every, every, new TimerConfig("job leases", false));
    }

    /** This application works on the job from now on, as {@code holder}. */
    public void hold(UUID jobId, String holder) {
        held.put(jobId, holder);
    }

    /** This application is done with the job (finished, or handed back to the broker by a rollback). */
    public void release(UUID jobId) {
        held.remove(jobId);
    }

    @Timeout
    void renewAndRecover() {
        try {
            Map<String, List<UUID>> byHolder = held.entrySet().stream()
                    .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            byHolder.forEach((holder, jobs) -> lifecycle.renewLeases(jobs, holder));
            metrics.leasesRecovered(lifecycle.recoverLapsedLeases(nodeName));
            if (failing) {
                LOG.info("Job leases are kept again.");
                failing = false;
            }
        } catch (RuntimeException e) {
            // Usually the database is away; the next beat tries again. Said once, not on every beat.
            if (!failing) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String reason = cause.getMessage();
                LOG.warning(() -> "Could not renew or check job leases (" + reason + "); trying again on every beat.");
                failing = true;
            }
        }
    }
}
