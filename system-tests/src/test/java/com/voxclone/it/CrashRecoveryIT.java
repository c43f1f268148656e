package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill: the whole embedded stack is killed with {@code kill -9} right after five jobs were accepted (some of them
 * possibly half-way through on the worker). After a start on the same data directory every one of them completes,
 * each exactly once: a 202 means the job survives a crash. A heavy drill: runs with {@code -Pdrills}. It fails when the
 * kill falls into a job's two-phase commit: the transaction is left in doubt (see RELIABILITY.md).
 */
@Order(19)
@Tag("drill")
class CrashRecoveryIT {

    static final int JOBS = 5;

    @Test
    void jobsAcceptedBeforeAKillAllCompleteAfterTheRestart() throws Exception {
        try (VoxCloneStack stack = VoxCloneStack.embedded("crash", Map.of()).start()) {
            Api api = new Api(stack.baseUri());
            String key = api.createUser("Crashed");
            byte[] recording = Files.readAllBytes(Media.file("crash", MediaType.WAV, Media.speech()));
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                HttpResponse<String> accepted = api.upload(key, Map.of("voiceName", "Survivor " + i), recording, "crash.wav");
                assertEquals(202, accepted.statusCode(), accepted.body());
                jobs.add(json(accepted).getString("jobId"));
            }

            long unfinished = 0;
            for (String jobId : jobs) {
                String status = json(api.get(Api.ONBOARDING + "/jobs/" + jobId + "/status", key)).getString("status");
                unfinished += status.equals("completed") ? 0 : 1;
            }
            stack.kill();
            // For the drill's record: how many were still pending or half-way at the kill (not asserted: it depends on speed).
            System.out.println("CrashRecoveryIT: " + unfinished + " of " + JOBS + " jobs unfinished at kill -9");
            stack.start();

            for (String jobId : jobs) {
                JsonObject done = api.awaitFinished(key, jobId, Duration.ofMinutes(3));
                assertEquals("completed", done.getString("status"), done.toString());
            }
            JsonArray voices = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
            List<String> names = voices.stream().map(v -> v.asJsonObject().getString("voiceName")).sorted().toList();
            List<String> expected = IntStream.range(0, JOBS).mapToObj(i -> "Survivor " + i).toList();
            assertEquals(expected, names, "one voice per job, none twice");
        }
    }
}
