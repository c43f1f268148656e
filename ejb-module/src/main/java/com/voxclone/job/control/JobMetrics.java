package com.voxclone.job.control;

import com.voxclone.job.entity.JobStatusChanged;
import com.voxclone.job.entity.LeaseRecovery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Job figures for monitoring, counted on the node where each change is committed (web nodes accept jobs, workers
 * run them): status changes by status, kind and engine, runs retried after a failed attempt, the processing time
 * of finished jobs, jobs recovered from a lapsed lease, and jobs stopped at their time limit.
 */
@ApplicationScoped
public class JobMetrics {

    static final Metadata CHANGES = Metadata.builder().withName("voxclone.job.status.changes")
            .withDescription("Job status changes committed on this node, by status, kind and engine").build();
    static final Metadata RETRIES = Metadata.builder().withName("voxclone.job.retries")
            .withDescription("Job attempts started again after a failed attempt (message redelivered)").build();
    static final Metadata DURATION = Metadata.builder().withName("voxclone.job.duration.milliseconds")
            .withDescription("Processing time of finished jobs, from the first start to completion or failure, in "
                    + "milliseconds").build();

    static final Metadata LEASE_RECOVERIES = Metadata.builder().withName("voxclone.job.lease.recoveries")
            .withDescription("Jobs found with a lapsed lease (their node stopped without a result) by this node: handed "
                    + "back to the queue, or failed on their last attempt").build();

    static final Metadata TIME_LIMIT_STOPS = Metadata.builder().withName("voxclone.job.time.limit.stops")
            .withDescription("Jobs this node stopped (failed) for working past their time limit without a result").build();

    @Inject
    MetricRegistry registry;

    public void stoppedAtTimeLimit() {
        registry.counter(TIME_LIMIT_STOPS).inc();
    }

    public void leasesRecovered(LeaseRecovery recovery) {
        registry.counter(LEASE_RECOVERIES, new Tag("outcome", "handed-back")).inc(recovery.handedBack().size());
        registry.counter(LEASE_RECOVERIES, new Tag("outcome", "failed")).inc(recovery.failed().size());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobStatusChanged change) {
        JsonObject job = change.job();
        String status = job.getString("status", "unknown");
        String kind = job.getString("kind", "unknown");
        registry.counter(CHANGES, new Tag("status", status), new Tag("kind", kind), new Tag("engine", engine(job))).inc();
        if (status.equals("processing") && job.get("attempts") instanceof JsonNumber attempts && attempts.intValue() > 1) {
            registry.counter(RETRIES, new Tag("kind", kind)).inc();
        }
        if ((status.equals("completed") || status.equals("failed")) && job.get("processingTime") instanceof JsonNumber ms) {
            // A histogram rather than a timer: Payara's exposition mixes units in a timer's figures.
            registry.histogram(DURATION, new Tag("kind", kind), new Tag("status", status)).update(ms.longValue());
        }
    }

    private static String engine(JsonObject job) {
        return job.get("workerInfo") instanceof JsonObject info && info.get("engine") instanceof JsonString e ? e.getString() : "none";
    }
}
