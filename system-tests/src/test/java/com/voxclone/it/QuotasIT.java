package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static com.voxclone.it.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-user quotas on the running product: each refuses new work with the status a client acts on and keeps nothing of
 * it; concurrent requests cannot both take the last room; users see their own usage, administrators set limits.
 */
@ExtendWith(SharedStack.class)
@Order(9)
class QuotasIT {

    static Api api;
    static Path recording;

    @BeforeAll
    static void media() throws Exception {
        api = SharedStack.api();
        recording = Media.file("quota", MediaType.WAV, Media.speech());
    }

    @Test
    void eachQuotaRefusesNewWorkAndKeepsNothingOfIt() throws Exception {
        String key = api.createUser("Quota subject");
        String user = userId(key);

        setQuotas(user, "{\"concurrentJobs\":0}");
        HttpResponse<String> busy = upload(key);
        JsonObject problem = assertProblem(busy, 429, "Wait until one of your jobs has finished");
        assertEquals("concurrentJobs", problem.getString("quota"));
        assertEquals("30", busy.headers().firstValue("Retry-After").orElse(""));

        setQuotas(user, "{\"concurrentJobs\":null,\"voices\":0}");
        assertEquals("voices", assertProblem(upload(key), 409, "Delete a voice").getString("quota"));

        setQuotas(user, "{\"voices\":null,\"storedBytes\":1000}");
        JsonObject storage = assertProblem(upload(key), 409, "stored audio");
        assertEquals("storedBytes", storage.getString("quota"));
        assertEquals(1000, storage.getInt("limit"));

        JsonObject usage = quotas(key);
        assertEquals(0, used(usage, "storedBytes"), "a refused upload must not stay stored: " + usage);
        assertEquals(0, used(usage, "voices"), usage.toString());
        assertEquals(0, used(usage, "concurrentJobs"), usage.toString());
        JsonArray jobs = (JsonArray) Api.parseStructure(api.get("/api/admin/jobs?userId=" + user, VoxCloneStack.ADMIN_KEY).body());
        assertTrue(jobs.isEmpty(), "refused uploads must not create jobs: " + jobs);
        assertTrue(usage.getJsonObject("storedBytes").getBoolean("setForUser"));
        assertFalse(usage.getJsonObject("voices").getBoolean("setForUser"));
    }

    @Test
    void concurrentUploadsCannotBothTakeTheLastVoice() throws Exception {
        String key = api.createUser("Racing uploads");
        setQuotas(userId(key), "{\"voices\":1}");

        List<Callable<HttpResponse<String>>> uploads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            uploads.add(() -> upload(key));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Integer> statuses = new ArrayList<>();
        String accepted = null;
        try {
            for (Future<HttpResponse<String>> f : pool.invokeAll(uploads)) {
                statuses.add(f.get().statusCode());
                if (f.get().statusCode() == 202) {
                    accepted = json(f.get()).getString("jobId");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, statuses.stream().filter(s -> s == 202).count(), "exactly one upload may take the one voice: " + statuses);
        assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());

        assertEquals("completed", api.awaitFinished(key, accepted, Duration.ofMinutes(3)).getString("status"));
        JsonObject usage = quotas(key);
        assertEquals(1, used(usage, "voices"), usage.toString());
        assertEquals(0, used(usage, "concurrentJobs"), usage.toString());
        assertTrue(used(usage, "storedBytes") >= Files.size(recording), "the upload and what was made from it are stored: " + usage);
    }

    @Test
    void speechStopsWhenTheDailyAllowanceIsUsedUp() throws Exception {
        String key = api.createUser("Talkative");
        String user = userId(key);
        HttpResponse<String> accepted = upload(key);
        String voiceId = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3)).getString("voiceId");
        setQuotas(user, "{\"synthesisSecondsPerDay\":1}");

        // Within the allowance when it starts, so it is spoken whole, and counted.
        assertEquals(200, speak(key, voiceId).statusCode());
        assertTrue(used(quotas(key), "synthesisSecondsPerDay") >= 1, quotas(key).toString());

        HttpResponse<byte[]> refused = speak(key, voiceId);
        assertEquals(429, refused.statusCode());
        JsonObject problem = (JsonObject) Api.parseStructure(new String(refused.body()));
        assertEquals("synthesisSecondsPerDay", problem.getString("quota"));
        assertTrue(problem.getString("detail").contains("midnight UTC"), problem.toString());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue(retryAfter >= 1 && retryAfter <= 86_401, "Retry-After until midnight UTC, was " + retryAfter);

        setQuotas(user, "{\"synthesisSecondsPerDay\":null}");
        assertEquals(200, speak(key, voiceId).statusCode(), "a higher limit lets the user speak again at once");
    }

    @Test
    void limitsAreSetByAdministratorsOnlyAndChecked() throws Exception {
        String key = api.createUser("Quota rules");
        String path = "/api/admin/users/" + userId(key) + "/quotas";

        assertProblem(api.putJson(path, key, "{\"voices\":100}"), 403, "administrators");
        assertProblem(api.get(path, key), 403, "administrators");
        assertProblem(api.putJson(path, VoxCloneStack.ADMIN_KEY, "{\"voices\":-1}"), 400, "0 or more");
        assertProblem(api.putJson(path, VoxCloneStack.ADMIN_KEY, "{\"bandwidth\":5}"), 400, "not a quota");
        assertProblem(api.putJson(path, VoxCloneStack.ADMIN_KEY, "{}"), 400, "at least one quota");
        assertProblem(api.get("/api/admin/users/" + UUID.randomUUID() + "/quotas", VoxCloneStack.ADMIN_KEY), 404, "no user");

        JsonObject set = json(api.putJson(path, VoxCloneStack.ADMIN_KEY, "{\"voices\":7}")).getJsonObject("quotas");
        assertEquals(7, set.getJsonObject("voices").getInt("limit"));
        assertEquals(7, quotas(key).getJsonObject("voices").getInt("limit"), "the user sees the limit set for them");
        JsonObject back = json(api.putJson(path, VoxCloneStack.ADMIN_KEY, "{\"voices\":null}")).getJsonObject("quotas");
        assertEquals(50, back.getJsonObject("voices").getInt("limit"), "null goes back to the default");
        assertFalse(back.getJsonObject("voices").getBoolean("setForUser"));
    }

    private static HttpResponse<String> upload(String key) throws Exception {
        return api.upload(key, Map.of("voiceName", "Quota voice"), recording);
    }

    private static HttpResponse<byte[]> speak(String key, String voiceId) throws Exception {
        return api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"Hello there, how are you?\"}", null);
    }

    private static String userId(String key) throws Exception {
        return json(api.get("/api/public/account", key)).getString("userId");
    }

    private static void setQuotas(String user, String limits) throws Exception {
        HttpResponse<String> r = api.putJson("/api/admin/users/" + user + "/quotas", VoxCloneStack.ADMIN_KEY, limits);
        assertEquals(200, r.statusCode(), r.body());
    }

    private static JsonObject quotas(String key) throws Exception {
        HttpResponse<String> r = api.get("/api/public/account/quotas", key);
        assertEquals(200, r.statusCode(), r.body());
        return json(r).getJsonObject("quotas");
    }

    private static long used(JsonObject quotas, String quota) {
        return quotas.getJsonObject(quota).getJsonNumber("used").longValue();
    }
}
