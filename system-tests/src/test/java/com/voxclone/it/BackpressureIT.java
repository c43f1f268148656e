package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A queue at its configured depth refuses new jobs with 503, {@code Retry-After} and problem details that say why,
 * and keeps nothing of them. Its own stack, configured to queue no job at all, so that the limit is reached without
 * racing a worker.
 */
@Order(17)
class BackpressureIT {

    @Test
    void aFullQueueRefusesNewJobsAndKeepsNothingOfThem() throws Exception {
        try (VoxCloneStack stack = VoxCloneStack.embedded("backpressure", Map.of("VOXCLONE_JOBS_MAX_WAITING", "0")).start()) {
            Api api = new Api(stack.baseUri());
            String key = api.createUser("Turned away");
            HttpResponse<String> refused = api.upload(key, Map.of("voiceName", "Too many"),
                    Media.file("backpressure", MediaType.WAV, Media.speech()));

            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("30", refused.headers().firstValue("Retry-After").orElse(""));
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            JsonObject problem = json(refused);
            assertEquals("https://voxclone.example/problems/queue-full", problem.getString("type"));
            assertEquals(0, problem.getInt("limit"));
            assertTrue(problem.getString("detail").contains("try again in about 30 seconds"), problem.toString());

            JsonObject quotas = json(api.get("/api/public/account/quotas", key)).getJsonObject("quotas");
            assertEquals(0, quotas.getJsonObject("storedBytes").getInt("used"), "the refused upload is not stored");
            assertEquals(0, quotas.getJsonObject("voices").getInt("used"));
            assertEquals("[]", api.get("/api/admin/jobs?userId=" + json(api.get("/api/public/account", key)).getString("userId"),
                    VoxCloneStack.ADMIN_KEY).body().replace(" ", ""), "no job was created");
        }
    }
}
