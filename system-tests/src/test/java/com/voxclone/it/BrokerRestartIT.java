package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill: the installation's external broker stops for 15 s and starts again on its journal, with two jobs in the
 * middle of their work (a drill setting holds them 15 s) and one waiting in the queue. While it is away a new upload
 * is refused with 503, {@code Retry-After} and problem details, nothing of it kept. Once it is back, without any
 * restart of the node: every job accepted before completes exactly once (one voice each), and new uploads are accepted.
 * A heavy drill: runs with {@code -Pdrills}.
 */
@Tag("drill")
@Disabled("Fails: after the broker is back, the worker's message-driven beans do not take jobs again (watched for 4 "
        + "minutes), so the jobs in flight stay pending or processing until the node restarts. See RELIABILITY.md.")
class BrokerRestartIT {

    @Test
    void aBrokerRestartWithJobsInFlightLosesNothing() throws Exception {
        Path brokerDir = TempDirs.create("broker-restart-broker");
        try (ExternalBroker broker = ExternalBroker.start(brokerDir)) {
            Map<String, String> settings = new HashMap<>(broker.nodeSettings());
            settings.putAll(Map.of("VOXCLONE_DRILLS_ENABLED", "true", "VOXCLONE_FAULTS_SLOW_VOICE_NAMES", "Held .*",
                    "VOXCLONE_FAULTS_SLOW_SECONDS", "15"));
            try (VoxCloneStack stack = VoxCloneStack.embedded("broker-restart", settings).start()) {
                Api api = new Api(stack.baseUri());
                String key = api.createUser("Broker restart");
                String before = accept(api, key, "Before the restart");
                assertEquals("completed", api.awaitFinished(key, before, Duration.ofMinutes(3)).getString("status"));

                List<String> jobs = new ArrayList<>(List.of(accept(api, key, "Held 1"), accept(api, key, "Held 2")));
                awaitProcessing(api, key, jobs);
                jobs.add(accept(api, key, "Queued 3"));

                broker.stop();
                HttpResponse<String> refused = api.upload(key, Map.of("voiceName", "While the broker is away"),
                        Media.file("broker-away", MediaType.WAV, Media.speech()));
                assertEquals(503, refused.statusCode(), refused.body());
                assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
                JsonObject problem = json(refused);
                assertEquals("https://voxclone.example/problems/service-unavailable", problem.getString("type"));
                assertFalse(refused.body().contains("Exception"), "no exception text: " + refused.body());
                Thread.sleep(15_000);
                broker.start();

                Set<String> voices = new HashSet<>();
                for (String job : jobs) {
                    JsonObject finished = api.awaitFinished(key, job, Duration.ofMinutes(4));
                    assertEquals("completed", finished.getString("status"), "lost in the broker restart: " + finished);
                    voices.add(finished.getString("voiceId"));
                }
                assertEquals(3, voices.size(), "one voice for each job");
                JsonArray kept = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
                assertEquals(4, kept.size(), "each job made its voice once, the refused upload none: " + kept);

                String after = accept(api, key, "After the restart");
                assertEquals("completed", api.awaitFinished(key, after, Duration.ofMinutes(3)).getString("status"));
            }
        } finally {
            TempDirs.delete(brokerDir);
        }
    }

    private static String accept(Api api, String key, String voiceName) throws IOException, InterruptedException {
        var accepted = api.upload(key, Map.of("voiceName", voiceName), Media.file("broker", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return json(accepted).getString("jobId");
    }

    private static void awaitProcessing(Api api, String key, List<String> jobs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (String job : jobs) {
            while (!json(api.get(Api.ONBOARDING + "/jobs/" + job + "/status", key)).getString("status").equals("processing")) {
                assertTrue(System.nanoTime() < deadline, "job " + job + " never started");
                Thread.sleep(200);
            }
        }
    }
}
