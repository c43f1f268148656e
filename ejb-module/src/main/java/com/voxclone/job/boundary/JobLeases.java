package com.voxclone.job.boundary;

import com.voxclone.job.control.JobMetrics;
import com.voxclone.job.entity.StuckJob;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.RepeatingWork;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Keeps the leases of the jobs this application is working on, renewing them every third of the lease while the
 * work goes on; and on the same beat hands back (or fails) the jobs of the whole installation whose holder stopped
 * renewing, so that no job stays {@code processing} when its node is gone. Every application of every node does this;
 * each lapsed job is taken by one of them.
 *
 * <p>A job may work for {@code voxclone.jobs.time-limit-seconds} without a result (a speech job: without speaking its
 * next piece). Past that its node fails it with the reason and interrupts the thread working on it; whatever that work
 * returns later is discarded (see {@link JobLifecycle#holdsOutcome}). A thread that does not stop when interrupted
 * stays listed as stuck (the node's liveness check reports it) until it returns.
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

    /** How long a job may work without a result, or without progress for a job that reports it. */
    @Inject
    @ConfigProperty(name = "voxclone.jobs.time-limit-seconds", defaultValue = "3600")
    long timeLimitSeconds;

    private final Set<HeldJob> held = ConcurrentHashMap.newKeySet();
    /** Usually the database is away when a beat fails; the next beat tries again. */
    private final RepeatingWork beat = new RepeatingWork(LOG, "Renewing and checking job leases");

    @PostConstruct
    void beat() {
        long every = Math.max(1000, lifecycle.lease().toMillis() / 3);
        timers.createIntervalTimer(every, every, new TimerConfig("job leases", false));
    }

    /**
     * The calling thread works on the just started {@code job} from now on, as {@code holder}, until it releases the
     * returned hold.
     */
    public HeldJob hold(VoiceCloneJob job, String holder) {
        HeldJob hold = new HeldJob(job.getId(), job.getRuns(), job.getAttempts(), holder, Thread.currentThread());
        held.add(hold);
        return hold;
    }

    /** The jobs stopped at their time limit whose threads have not returned. */
    public List<StuckJob> stuck() {
        return held.stream().filter(HeldJob::stopped).map(HeldJob::stuck).toList();
    }

    /**
     * The liveness of this application's work on jobs, as the check {@code name} of node {@code node}: down while a job
     * stopped at its time limit still holds its thread (only a restart frees it), naming the jobs.
     */
    public HealthCheckResponse liveness(String name, String node) {
        List<StuckJob> stuck = stuck();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("node", node);
        data.put("timeLimitSeconds", timeLimitSeconds);
        if (!stuck.isEmpty()) {
            data.put("stuckJobs", stuck.stream().map(j -> j.jobId() + " (attempt " + j.attempt() + ", stopped "
                    + j.sinceStopped().toSeconds() + " s ago, its thread has not returned)").collect(Collectors.joining("; ")));
        }
        return new HealthCheckResponse(name, stuck.isEmpty() ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }


    @Timeout
    void renewAndRecover() {
        beat.run(() -> {
            stopOverruns();
            Map<String, List<UUID>> byHolder = held.stream().filter(h -> !h.stopped())
                    .collect(Collectors.groupingBy(HeldJob::holder, Collectors.mapping(HeldJob::jobId, Collectors.toList())));
            byHolder.forEach((holder, jobs) -> lifecycle.renewLeases(jobs, holder));
            metrics.leasesRecovered(lifecycle.recoverLapsedLeases(nodeName));
        });
    }

    /** Fails the jobs that worked past their time limit, and interrupts their threads. */
    private void stopOverruns() {
        Duration limit = Duration.ofSeconds(timeLimitSeconds);
        for (HeldJob hold : held) {
            if (!hold.stopped() && hold.quietFor().compareTo(limit) > 0
                    && lifecycle.stopAtTimeLimit(hold.jobId(), hold.run(), hold.attempt(), limit, hold.holder())) {
                hold.stop();
                metrics.stoppedAtTimeLimit();
            }
        }
    }

    /**
     * One thread's work on one attempt of a job. Released by that thread when the work ends, however it ends; stopped
     * (and the thread interrupted) by the beat when the work ran past its time limit.
     */
    public final class HeldJob {
        private final UUID jobId;
        private final int run;
        private final int attempt;
        private final String holder;
        private final Thread worker;
        private volatile long lastProgress = System.nanoTime();
        private long stoppedAt;
        private boolean stopped;
        private boolean released;

        HeldJob(UUID jobId, int run, int attempt, String holder, Thread worker) {
            this.jobId = jobId;
            this.run = run;
            this.attempt = attempt;
            this.holder = holder;
            this.worker = worker;
        }

        public UUID jobId() {
            return jobId;
        }

        int run() {
            return run;
        }

        int attempt() {
            return attempt;
        }

        String holder() {
            return holder;
        }

        /** The job got further (a speech job spoke a piece): its time limit counts from now. */
        public void progressed() {
            lastProgress = System.nanoTime();
        }

        Duration quietFor() {
            return Duration.ofNanos(System.nanoTime() - lastProgress);
        }

        /** Whether the work was stopped at its time limit (the job failed for it). */
        public synchronized boolean stopped() {
            return stopped;
        }

        synchronized void stop() {
            stopped = true;
            stoppedAt = System.nanoTime();
            if (!released) {
                worker.interrupt();
            }
        }

        synchronized StuckJob stuck() {
            return new StuckJob(jobId, attempt, holder, Duration.ofNanos(System.nanoTime() - stoppedAt));
        }

        /**
         * The work on the job ended (finished, failed, or handed back to the broker by a rollback). Called by the thread
         * that did it, which is then no longer interrupted for this job: an interrupt sent before is cleared.
         */
        public void release() {
            synchronized (this) {
                released = true;
            }
            held.remove(this);
            if (Thread.currentThread() == worker) {
                Thread.interrupted();
            }
        }
    }
}
