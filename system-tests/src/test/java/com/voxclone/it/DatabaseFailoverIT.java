package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill: a VoxClone node on an external PostgreSQL primary with a synchronous hot standby ({@link PostgresPair}), its
 * {@code VOXCLONE_DB_URL} listing both with {@code targetServerType=primary}, as the README describes. The primary is
 * killed with {@code kill -9} while two jobs are in the middle of their work (a drill setting holds them 15 s) and
 * five wait in the queue; the standby is promoted a few seconds later, as a fail-over manager would. Must hold: an
 * upload before the promotion is refused with 503 and {@code Retry-After}; the node reconnects to the new primary by
 * itself (no restart); every job accepted before the kill completes exactly once (one voice each); uploads after the
 * promotion are accepted and complete; webhooks are still sent after it. A heavy drill: runs with {@code -Pdrills}.
 */
@Tag("drill")
class DatabaseFailoverIT {

    private static final int QUEUED = 5;
    private static final int AFTER = 3;
    /** How long the fail-over manager takes to notice and promote. */
    private static final Duration PROMOTION_DELAY = Duration.ofSeconds(5);

    private int refusals;

    @Test
    void killingThePrimaryDatabaseAndPromotingTheStandbyLosesNoJob() throws Exception {
        Path databases = TempDirs.create("postgres-pair");
        try (PostgresPair pair = PostgresPair.start(databases)) {
            Map<String, String> settings = new HashMap<>(pair.nodeSettings());
            // The webhook receiver below is on loopback.
            settings.put("VOXCLONE_IMPORT_ALLOW_PRIVATE_ADDRESSES", "true");
            HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            List<String> hooks = new CopyOnWriteArrayList<>();
            receiver.createContext("/hooks", exchange -> {
                hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            try (VoxCloneStack stack = VoxCloneStack.embedded("db-failover", VoxCloneStack.holdingJobs("Held .*", 15, settings)).start()) {
                Api api = new Api(stack.baseUri());
                String key = api.createUser("Database fail-over");
                assertEquals(201, api.postJson("/api/public/webhooks", key,
                        "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks\"}").statusCode());
                List<String> jobs = new ArrayList<>(api.jobsInFlight(key, QUEUED));

                long killed = System.nanoTime();
                pair.killPrimary();
                // Before the promotion there is no primary: refused with 503 and Retry-After, nothing kept.
                HttpResponse<String> meanwhile = api.upload(key, Map.of("voiceName", "Before the promotion"),
                        Media.file("before-promotion", MediaType.WAV, Media.speech()));
                assertEquals(503, meanwhile.statusCode(), meanwhile.body());
                assertTrue(meanwhile.headers().firstValue("Retry-After").isPresent(), meanwhile.headers().toString());
                long refusedAfter = System.nanoTime();
                Thread.sleep(Math.max(0, PROMOTION_DELAY.toMillis() - (System.nanoTime() - killed) / 1_000_000));
                pair.promoteStandby();
                long promoted = System.nanoTime();
                for (int i = 1; i <= AFTER; i++) {
                    jobs.add(api.acceptCloneRetrying(key, "After the kill " + i, () -> refusals++));
                }
                long accepting = System.nanoTime();

                assertEquals(jobs.size(), api.awaitAllCompleted(key, jobs, Duration.ofMinutes(4)).size());
                System.out.printf("Database fail-over: an upload refused with 503 %.1f s after the kill; standby promoted %.1f s "
                                + "after the kill; uploads accepted again %.1f s after the promotion (%d more refused with 503 meanwhile); "
                                + "all %d jobs completed %.1f s after the kill%n", (refusedAfter - killed) / 1e9, (promoted - killed) / 1e9,
                        (accepting - promoted) / 1e9, refusals, jobs.size(), (System.nanoTime() - killed) / 1e9);
                JsonArray voices = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
                assertEquals(1 + 2 + QUEUED + AFTER, voices.size(), "each job made its voice once: " + voices);

                // Webhooks are still sent: the dispatcher's timer outlived the outage.
                String last = jobs.get(jobs.size() - 1);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (hooks.stream().noneMatch(h -> h.contains(last) && h.contains("\"completed\""))) {
                    assertTrue(System.nanoTime() < deadline, "no webhook for the last job's completion; received " + hooks.size());
                    Thread.sleep(200);
                }
            } finally {
                receiver.stop(0);
            }
        } finally {
            TempDirs.delete(databases);
        }
    }
}
