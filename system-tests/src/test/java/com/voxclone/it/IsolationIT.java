package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static com.voxclone.it.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One user never sees or touches another user's jobs and voices; only administrators reach the admin API. */
@ExtendWith(SharedStack.class)
@Order(3)
class IsolationIT {

    @Test
    void usersAreIsolatedAndAdminIsForAdmins() throws Exception {
        Api api = SharedStack.api();
        String alice = api.createUser("Alice");
        String bob = api.createUser("Bob");
        var accepted = api.upload(alice, Map.of("voiceName", "Alice's voice"), Media.file("alice", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = json(accepted).getString("jobId");
        JsonObject done = api.awaitFinished(alice, jobId, Duration.ofMinutes(3));
        String voiceId = done.getString("voiceId");

        assertProblem(api.get(ONBOARDING + "/jobs/" + jobId + "/status", bob), 404, "no job");
        assertEquals(404, api.get(ONBOARDING + "/jobs/" + jobId + "/events", bob).statusCode());
        assertProblem(api.get("/api/public/voice/voices/" + voiceId, bob), 404, "no voice");
        assertEquals(404, api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, bob, "{\"text\":\"Hi\"}", null).statusCode());
        assertProblem(api.delete(ONBOARDING + "/" + voiceId, bob), 404, "no voice");
        JsonArray bobs = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", bob).body());
        assertTrue(bobs.isEmpty(), bobs.toString());

        assertProblem(api.get("/api/admin/jobs", bob), 403, "administrators");
        assertProblem(api.postJson("/api/admin/users", bob, "{\"name\":\"Mallory\"}"), 403, "administrators");
        assertEquals(200, api.get("/api/public/voice/voices/" + voiceId, alice).statusCode());
        assertEquals(200, api.get(ONBOARDING + "/jobs/" + jobId + "/status", VoxCloneStack.ADMIN_KEY).statusCode(),
                "administrators see every job");
    }
}
