package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static com.voxclone.it.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A retried request with the same Idempotency-Key gets the same job instead of a second one, a reused key with a
 * different request is refused; a batch creates several voices in one request, all or none.
 */
@ExtendWith(SharedStack.class)
@Order(9)
class IdempotencyAndBatchIT {

    static Api api;
    static Path first;
    static Path second;

    @BeforeAll
    static void media() throws Exception {
        api = SharedStack.api();
        first = Media.file("batch-one", MediaType.WAV, Media.speech());
        second = Media.file("batch-two", MediaType.FLAC, Media.speech());
    }

    private static HttpResponse<String> clone(String key, String idempotencyKey, String voiceName, Path file) throws Exception {
        return api.multipart(ONBOARDING + "/clone", key, Map.of("Idempotency-Key", idempotencyKey),
                Map.of("voiceName", voiceName), List.of(Api.FilePart.of("file", file)), HttpResponse.BodyHandlers.ofString());
    }

    private static int jobsOf(String key) throws Exception {
        String userId = json(api.get("/api/public/account", key)).getString("userId");
        return ((JsonArray) Api.parseStructure(api.get("/api/admin/jobs?userId=" + userId, VoxCloneStack.ADMIN_KEY).body())).size();
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameJob() throws Exception {
        String key = api.createUser("Retrying client");
        String idempotencyKey = UUID.randomUUID().toString();

        HttpResponse<String> accepted = clone(key, idempotencyKey, "Once", first);
        HttpResponse<String> retried = clone(key, idempotencyKey, "Once", first);

        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(202, retried.statusCode(), retried.body());
        assertEquals(json(accepted).getString("jobId"), json(retried).getString("jobId"));
        assertEquals(accepted.headers().firstValue("Location"), retried.headers().firstValue("Location"));
        assertEquals("true", retried.headers().firstValue("Idempotent-Replayed").orElse(""));
        assertEquals(1, jobsOf(key), "one job for the two requests");

        assertProblem(clone(key, idempotencyKey, "Something else", first), 422, "different request");
        assertProblem(clone(key, idempotencyKey, "Once", second), 422, "different request");
        HttpResponse<String> fresh = clone(key, UUID.randomUUID().toString(), "Once", first);
        assertNotEquals(json(accepted).getString("jobId"), json(fresh).getString("jobId"), "a new key is a new request");
        // Keys are per user: another user's identical key and request is theirs alone.
        String other = api.createUser("Same key elsewhere");
        HttpResponse<String> theirs = clone(other, idempotencyKey, "Once", first);
        assertNotEquals(json(accepted).getString("jobId"), json(theirs).getString("jobId"));
    }

    @Test
    void aRefusedRequestLeavesTheKeyFree() throws Exception {
        String key = api.createUser("Fixing a mistake");
        String idempotencyKey = UUID.randomUUID().toString();

        assertProblem(clone(key, idempotencyKey, "", first), 400, "voiceName");
        assertEquals(202, clone(key, idempotencyKey, "Fixed", first).statusCode(), "after a refusal the same key runs again");
        assertProblem(clone(key, "key with spaces", "Fixed", first), 400, "Idempotency-Key");
    }

    @Test
    void aBatchCreatesOneJobPerVoiceInOrder() throws Exception {
        String key = api.createUser("Batch client");
        HttpResponse<String> accepted = api.multipart(ONBOARDING + "/clone/batch", key, Map.of(),
                Map.of("voices", "[{\"voiceName\":\"Batch A\"},{\"voiceName\":\"Batch B\",\"testText\":\"Hello.\"}]"),
                List.of(Api.FilePart.of("file", first), Api.FilePart.of("file", second)), HttpResponse.BodyHandlers.ofString());

        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonArray jobs = json(accepted).getJsonArray("jobs");
        assertEquals(2, jobs.size());
        for (int i = 0; i < 2; i++) {
            JsonObject done = api.awaitFinished(key, jobs.getJsonObject(i).getString("jobId"), Duration.ofMinutes(3));
            assertEquals("completed", done.getString("status"), done.toString());
            assertEquals(i == 0 ? "Batch A" : "Batch B", done.getString("voiceName"));
        }
    }

    @Test
    void aBatchWithOneBadVoiceCreatesNothing() throws Exception {
        String key = api.createUser("Careful batch client");
        HttpResponse<String> refused = api.multipart(ONBOARDING + "/clone/batch", key, Map.of(),
                Map.of("voices", "[{\"voiceName\":\"Good\"},{\"voiceName\":\"\"}]"),
                List.of(Api.FilePart.of("file", first), Api.FilePart.of("file", second)), HttpResponse.BodyHandlers.ofString());
        JsonObject problem = assertProblem(refused, 400, "voiceName");
        assertEquals("voices[1].voiceName", problem.getJsonArray("errors").getJsonObject(0).getString("field"));

        HttpResponse<String> mismatched = api.multipart(ONBOARDING + "/clone/batch", key, Map.of(),
                Map.of("voices", "[{\"voiceName\":\"Only one\"}]"),
                List.of(Api.FilePart.of("file", first), Api.FilePart.of("file", second)), HttpResponse.BodyHandlers.ofString());
        assertProblem(mismatched, 400, "one object per file");

        // Over the user's voice quota with the second voice: neither is accepted.
        String userId = json(api.get("/api/public/account", key)).getString("userId");
        assertEquals(200, api.putJson("/api/admin/users/" + userId + "/quotas", VoxCloneStack.ADMIN_KEY, "{\"voices\":1}").statusCode());
        HttpResponse<String> overQuota = api.multipart(ONBOARDING + "/clone/batch", key, Map.of(),
                Map.of("voices", "[{\"voiceName\":\"One\"},{\"voiceName\":\"Two\"}]"),
                List.of(Api.FilePart.of("file", first), Api.FilePart.of("file", second)), HttpResponse.BodyHandlers.ofString());
        assertProblem(overQuota, 409, "voices");
        assertEquals(0, jobsOf(key), "a refused batch leaves no job behind");
        assertTrue(json(api.get("/api/public/account/quotas", key)).getJsonObject("quotas").getJsonObject("storedBytes")
                .getJsonNumber("used").longValue() == 0, "and no stored audio");
    }
}
