package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill: SIGTERM while a job is in the middle of its work (a drill setting holds it 20 s). What must hold: the node
 * stops within a bound (the stack's own limit is 90 s), nothing is half-written, and after the next start the job
 * completes exactly once (one voice).
 */
@Tag("drill")
class GracefulShutdownIT {

    @Test
    void aStopDuringAJobEndsInTimeAndTheJobCompletesOnce() throws Exception {
        Map<String, String> drills = VoxCloneStack.holdingJobs("Held .*", 20, Map.of());
        try (VoxCloneStack stack = VoxCloneStack.embedded("graceful", drills).start()) {
            Api api = new Api(stack.baseUri());
            String key = api.createUser("Stopped mid-job");
            var accepted = api.upload(key, Map.of("voiceName", "Held 1"), Media.file("graceful", MediaType.WAV, Media.speech()));
            assertEquals(202, accepted.statusCode(), accepted.body());
            String job = json(accepted).getString("jobId");
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!json(api.get(Api.ONBOARDING + "/jobs/" + job + "/status", key)).getString("status").equals("processing")) {
                assertTrue(System.nanoTime() < deadline, "the job never started");
                Thread.sleep(200);
            }

            long stopping = System.nanoTime();
            stack.stop();
            double seconds = (System.nanoTime() - stopping) / 1e9;
            assertTrue(stack.logText().contains("VoxClone: stopped."), "the shutdown did not finish cleanly");

            stack.start();
            assertEquals("completed", api.awaitFinished(key, job, Duration.ofMinutes(3)).getString("status"),
                    "stopped after " + seconds + " s");
            JsonArray voices = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
            assertEquals(1, voices.size(), "one voice for the one job: " + voices);
        }
    }
}
