package com.voxclone.job.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The open Server-Sent Event streams of this web node, by job. Each stream gets the job's state when it opens and
 * every change after that, and is closed once the job is completed or failed.
 */
@ApplicationScoped
public class JobEventStreams {

    private static final Logger LOG = Logger.getLogger(JobEventStreams.class.getName());

    /** Comment lines this often keep idle streams open through proxies. */
    static final long KEEP_ALIVE_SECONDS = 15;

    private final Map<UUID, Set<Subscriber>> byJob = new ConcurrentHashMap<>();

    /** One browser or client following one job. Sends are serialised; repeats of the same state are dropped. */
    public static final class Subscriber {
        private final SseEventSink sink;
        private final Sse sse;
        private String lastSent;

        Subscriber(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }

        synchronized boolean send(JsonObject state) {
            if (sink.isClosed()) {
                return false;
            }
            String data = state.toString();
            if (data.equals(lastSent)) {
                return true;
            }
            lastSent = data;
            OutboundSseEvent event = sse.newEventBuilder()
                    .name("status")
                    .id(state.getString("updatedAt", ""))
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(data)
                    .reconnectDelay(3000)
                    .build();
            sink.send(event).exceptionally(e -> {
                closeQuietly();
                return null;
            });
            if (finished(state)) {
                closeQuietly();
                return false;
            }
            return true;
        }

        /** The state read when the stream opened; false when the stream is already done (finished job). */
        public boolean sendInitial(JsonObject state) {
            return send(state);
        }

        /** A comment line: keeps proxies and browsers from closing an idle stream while a job waits. */
        synchronized boolean keepAlive() {
            if (sink.isClosed()) {
                return false;
            }
            sink.send(sse.newEventBuilder().comment("keep-alive").build()).exceptionally(e -> {
                closeQuietly();
                return null;
            });
            return true;
        }

        synchronized void closeQuietly() {
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // the client went away first
            }
        }
    }

    /** Registers a stream before the current state is read, so that no change in between is missed. */
    public Subscriber subscribe(UUID jobId, SseEventSink sink, Sse sse) {
        Subscriber s = new Subscriber(sink, sse);
        byJob.compute(jobId, (k, subscribers) -> {
            Set<Subscriber> set = subscribers == null ? ConcurrentHashMap.newKeySet() : subscribers;
            set.add(s);
            return set;
        });
        return s;
    }

    public void unsubscribe(UUID jobId, Subscriber s) {
        Set<Subscriber> set = byJob.get(jobId);
        if (set != null) {
            set.remove(s);
            byJob.computeIfPresent(jobId, (k, v) -> v.isEmpty() ? null : v);
        }
    }

    /** A status change arrived from the status topic. */
    public void publish(UUID jobId, JsonObject state) {
        Set<Subscriber> subscribers = byJob.get(jobId);
        if (subscribers == null) {
            return;
        }
        deliver(jobId, subscribers, s -> s.send(state));
    }

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> keepAlive;

    @PostConstruct
    void startKeepAlive() {
        keepAlive = scheduler.scheduleAtFixedRate(this::keepAllAlive, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stopKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
    }

    void keepAllAlive() {
        byJob.forEach((jobId, subscribers) -> deliver(jobId, subscribers, Subscriber::keepAlive));
    }

    /**
     * Sends to every stream of a job and drops the streams that are done or broken; forgets the job when none is left
     * (atomically per job, so a stream subscribing at that moment is never lost).
     */
    private void deliver(UUID jobId, Set<Subscriber> subscribers, Predicate<Subscriber> send) {
        subscribers.removeIf(s -> {
            try {
                return !send.test(s);
            } catch (RuntimeException e) {
                LOG.fine(() -> "dropping a stream of job " + jobId + ": " + e.getMessage());
                s.closeQuietly();
                return true;
            }
        });
        byJob.computeIfPresent(jobId, (k, v) -> v.isEmpty() ? null : v);
    }

    public int openStreams() {
        return byJob.values().stream().mapToInt(Set::size).sum();
    }

    static boolean finished(JsonObject state) {
        String status = state.getString("status", "");
        return "completed".equals(status) || "failed".equals(status);
    }
}
