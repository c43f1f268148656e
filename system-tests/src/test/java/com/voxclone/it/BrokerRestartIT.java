package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
class BrokerRestartIT {

    @Test
    void aBrokerRestartWithJobsInFlightLosesNothing() throws Exception {
        Path brokerDir = TempDirs.create("broker-restart-broker");
        try (ExternalBroker broker = ExternalBroker.start(brokerDir)) {
            Map<String, String> settings = VoxCloneStack.holdingJobs("Held .*", 15, broker.nodeSettings());
            try (VoxCloneStack stack = VoxCloneStack.embedded("broker-restart", settings).start()) {
                Api api = new Api(stack.baseUri());
                String key = api.createUser("Broker restart");
                String before = api.acceptClone(key, "Before the restart");
                assertEquals("completed", api.awaitFinished(key, before, Duration.ofMinutes(3)).getString("status"));

                List<String> jobs = new ArrayList<>(List.of(api.acceptClone(key, "Held 1"), api.acceptClone(key, "Held 2")));
                api.awaitProcessing(key, jobs, Duration.ofMinutes(1));
                jobs.add(api.acceptClone(key, "Queued 3"));

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

                try {
                    assertEquals(3, api.awaitAllCompleted(key, jobs, Duration.ofMinutes(2)).size(), "one voice for each job");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; the broker holds " + broker.jobQueues(), e);
                }
                JsonArray kept = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
                assertEquals(4, kept.size(), "each job made its voice once, the refused upload none: " + kept);

                String after = api.acceptClone(key, "After the restart");
                assertEquals("completed", api.awaitFinished(key, after, Duration.ofMinutes(3)).getString("status"));
            }
        } finally {
            TempDirs.delete(brokerDir);
        }
    }

}
