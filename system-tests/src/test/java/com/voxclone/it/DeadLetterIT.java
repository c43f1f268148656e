package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job that fails on every attempt (fault injection on the real worker) is redelivered with backoff, fails on
 * its last attempt with the reason, and its message waits in the dead-letter queue for an administrator.
 */
@ExtendWith(SharedStack.class)
@Order(4)
class DeadLetterIT {

    @Test
    void aJobFailingEveryAttemptEndsFailedWithItsMessageInTheDeadLetterQueue() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Unlucky");
        var accepted = api.upload(key, Map.of("voiceName", SharedStack.FAILING_VOICE_PREFIX + " voice"),
                Media.file("unlucky", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = json(accepted).getString("jobId");

        JsonObject done = api.awaitFinished(key, jobId, Duration.ofMinutes(2));
        assertEquals("failed", done.getString("status"));
        assertTrue(done.getString("error").contains("after 3 attempts"), done.toString());
        assertTrue(done.getString("error").contains("Injected transient failure"), done.toString());
        assertEquals(3, done.getInt("attempts"));

        JsonObject details = json(api.get("/api/admin/jobs/" + jobId, VoxCloneStack.ADMIN_KEY));
        long retries = details.getJsonArray("history").stream()
                .filter(e -> e.asJsonObject().getString("message", "").contains("will retry")).count();
        assertEquals(2, retries, details.toString());

        JsonObject queues = awaitDeadLetter(api, jobId);
        String messageId = queues.getJsonObject("deadLetters").getJsonArray("messages").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("jobId").equals(jobId)).findFirst().orElseThrow().getString("messageId");

        // Requeue: the job starts again (and fails again: the fault is still on).
        assertEquals(204, api.postJson("/api/admin/queues/dead-letters/" + messageId + "/requeue", VoxCloneStack.ADMIN_KEY, "").statusCode());
        JsonObject again = api.awaitFinished(key, jobId, Duration.ofMinutes(2));
        assertEquals("failed", again.getString("status"));
        awaitDeadLetter(api, jobId);
        JsonObject purged = json(api.delete("/api/admin/queues/dead-letters", VoxCloneStack.ADMIN_KEY));
        assertTrue(purged.getInt("purged") >= 1, purged.toString());
        assertEquals(0, json(api.get("/api/admin/queues", VoxCloneStack.ADMIN_KEY)).getJsonObject("deadLetters").getInt("depth"));
    }

    private static JsonObject awaitDeadLetter(Api api, String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject queues = null;
        while (System.nanoTime() < deadline) {
            queues = json(api.get("/api/admin/queues", VoxCloneStack.ADMIN_KEY));
            if (queues.getJsonObject("deadLetters").getJsonArray("messages").stream()
                    .anyMatch(m -> m.asJsonObject().getString("jobId").equals(jobId))) {
                return queues;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job message never reached the dead-letter queue: " + queues);
    }
}
