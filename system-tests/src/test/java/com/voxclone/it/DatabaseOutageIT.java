package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill: the database process dies under a running stack. While it is away the API answers 503 with
 * {@code Retry-After} and problem details, never an internal error or a stack trace, and readiness is down; after a
 * restart on the same data directory every job accepted before is there. A heavy drill: runs with {@code -Pdrills}.
 */
@Order(20)
@Tag("drill")
class DatabaseOutageIT {

    @Test
    void whileTheDatabaseIsAwayTheApiSaysSoAndNothingAcceptedIsLost() throws Exception {
        try (VoxCloneStack stack = VoxCloneStack.embedded("db-outage", Map.of()).start()) {
            Api api = new Api(stack.baseUri());
            String key = api.createUser("Outage");
            var accepted = api.upload(key, Map.of("voiceName", "Before the outage"), Media.file("outage", MediaType.WAV, Media.speech()));
            assertEquals(202, accepted.statusCode(), accepted.body());
            String jobId = json(accepted).getString("jobId");
            assertEquals("completed", api.awaitFinished(key, jobId, Duration.ofMinutes(3)).getString("status"));

            long postmaster = Long.parseLong(Files.readAllLines(stack.dataDir().resolve("postgres/postmaster.pid")).get(0).trim());
            ProcessHandle database = ProcessHandle.of(postmaster).orElseThrow();
            database.destroyForcibly();
            database.onExit().get();

            HttpResponse<String> voices = api.get("/api/public/voice/voices", key);
            assertEquals(503, voices.statusCode(), voices.body());
            assertEquals("10", voices.headers().firstValue("Retry-After").orElse(""));
            JsonObject problem = json(voices);
            assertEquals("https://voxclone.example/problems/service-unavailable", problem.getString("type"));
            assertTrue(problem.getString("detail").contains("cannot reach its database"), problem.toString());
            assertFalse(voices.body().contains("Exception"), "no stack trace or exception name: " + voices.body());
            assertEquals(503, api.get("/health/ready", null).statusCode(), "not ready without its database");

            stack.kill();
            stack.start();
            JsonArray kept = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
            assertEquals(1, kept.size(), kept.toString());
            assertEquals("completed", json(api.get(Api.ONBOARDING + "/jobs/" + jobId + "/status", key)).getString("status"));
        }
    }
}
