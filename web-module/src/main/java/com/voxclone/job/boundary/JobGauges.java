package com.voxclone.job.boundary;

import com.voxclone.messaging.entity.Destinations;
import com.voxclone.platform.boundary.Platform;
import com.voxclone.worker.boundary.WorkerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The installation's state for monitoring, the same from every web node: jobs by status (from the database), the
 * depths of the work queues and the dead-letter queues, and the workers alive. Each figure is read at most every {@value #FRESH_SECONDS}
 * seconds, however often it is scraped; one that cannot be read (the database or broker away) shows -1, so that the
 * rest of the scrape still answers.
 */
@ApplicationScoped
public class JobGauges {

    static final int FRESH_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(JobGauges.class.getName());
    private static final List<String> STATUSES = List.of("pending", "processing", "completed", "failed");

    @Inject
    MetricRegistry registry;

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    QueueAdministration queues;

    @Inject
    WorkerRegistry workers;

    void register(@Observes @Initialized(ApplicationScoped.class) Object application) {
        Supplier<Map<String, Long>> byStatus = cached(() -> {
            try {
                return jobsByStatus();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Jobs could not be counted for the metrics", e);
                return STATUSES.stream().collect(Collectors.toMap(status -> status, status -> -1L));
            }
        });
        Metadata jobs = Metadata.builder().withName("voxclone.jobs")
                .withDescription("Jobs in the database by status (clone, sample, re-enrolment and speech jobs)").build();
        for (String status : STATUSES) {
            registry.gauge(jobs, () -> byStatus.get().getOrDefault(status, 0L), new Tag("status", status));
        }
        depths(Metadata.builder().withName("voxclone.queue.depth")
                .withDescription("Messages waiting in a work queue (not those delivered right now or held back for later)").build(),
                List.of(Destinations.JOBS, Destinations.SPEECH_JOBS, Destinations.SYNTHESIS, Destinations.REQUESTS));
        depths(Metadata.builder().withName("voxclone.dead.letters")
                .withDescription("Messages in a dead-letter queue: jobs out of attempts, requests that could not be read").build(),
                List.of(Destinations.JOBS_DEAD_LETTERS, Destinations.REQUESTS_DEAD_LETTERS));
        // Any fresh heartbeat counts here (no lower bound), unlike the node's own readiness.
        Supplier<Long> alive = cached(() -> unlessFailing(() -> workers.alive(OffsetDateTime.MIN)));
        registry.gauge(Metadata.builder().withName("voxclone.workers.alive")
                .withDescription("Worker nodes that reported within the last " + WorkerRegistry.FRESHNESS.toSeconds() + " s").build(),
                alive);
    }

    private void depths(Metadata metadata, List<String> queueNames) {
        for (String queue : queueNames) {
            Supplier<Long> depth = cached(() -> unlessFailing(() -> (long) queues.depth(queue)));
            registry.gauge(metadata, depth, new Tag("queue", queue));
        }
    }

    private Map<String, Long> jobsByStatus() {
        if (!Platform.schemaReady()) {
            return Map.of();
        }
        Map<String, Long> counts = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT status, count(*) FROM voice_clone_job GROUP BY status").getResultList();
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    private static Long unlessFailing(Supplier<Long> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A figure could not be read for the metrics", e);
            return -1L;
        }
    }

    /** {@code read} at most every {@link #FRESH_SECONDS} seconds; the last value in between. */
    private static <T> Supplier<T> cached(Supplier<T> read) {
        return new Supplier<>() {
            private T value;
            private long readAt;

            @Override
            public synchronized T get() {
                long now = System.nanoTime();
                if (value == null || now - readAt > Duration.ofSeconds(FRESH_SECONDS).toNanos()) {
                    value = read.get();
                    readAt = now;
                }
                return value;
            }
        };
    }
}
