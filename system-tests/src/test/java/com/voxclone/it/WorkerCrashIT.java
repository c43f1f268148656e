package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill: a worker-only node is killed ({@code kill -9}) while it holds jobs in the middle of their work. What must
 * hold: the broker gives their messages back once it sees the node gone, the surviving node runs them, and each job
 * completes exactly once (one voice each, never two).
 */
@Tag("drill")
class WorkerCrashIT {

    private static final String WORKER_NODE = "it-crash-worker-worker";

    @Test
    void jobsOfAKilledWorkerFinishOnTheOtherNodeExactlyOnce() throws Exception {
        Map<String, String> drills = VoxCloneStack.holdingJobs("Slow .*", 20, Map.of());
        try (VoxCloneStack main = VoxCloneStack.embedded("crash-main", drills).start();
             VoxCloneStack worker = VoxCloneStack.workerFor(main, "crash-worker").start()) {
            Api api = new Api(main.baseUri());
            String key = api.createUser("Crash survivor");
            List<String> jobs = new ArrayList<>();
            // Four slow jobs: each node runs two at a time, so the worker node holds some of them.
            for (int i = 0; i < 4; i++) {
                var accepted = api.upload(key, Map.of("voiceName", "Slow " + i), Media.file("crash-" + i, MediaType.WAV, Media.speech()));
                assertEquals(202, accepted.statusCode(), accepted.body());
                jobs.add(json(accepted).getString("jobId"));
            }
            List<String> onWorker = awaitProcessingOn(api, key, jobs, WORKER_NODE);
            worker.kill();

            for (String job : jobs) {
                JsonObject done = api.awaitFinished(key, job, Duration.ofMinutes(5));
                assertEquals("completed", done.getString("status"), done.toString());
            }
            for (String job : onWorker) {
                JsonObject status = json(api.get(Api.ONBOARDING + "/jobs/" + job + "/status", key));
                assertTrue(!status.getJsonObject("workerInfo").getString("node").equals(WORKER_NODE),
                        "completed by the surviving node: " + status);
            }
            JsonArray voices = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
            Map<String, Long> perName = voices.stream().map(JsonValue::asJsonObject)
                    .collect(Collectors.groupingBy(v -> v.getString("voiceName"), Collectors.counting()));
            assertEquals(Map.of("Slow 0", 1L, "Slow 1", 1L, "Slow 2", 1L, "Slow 3", 1L), perName, "one voice per job");
        }
    }

    /** The jobs that the node {@code node} is working on, once there is at least one. */
    private static List<String> awaitProcessingOn(Api api, String key, List<String> jobs, String node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> on = new ArrayList<>();
            for (String job : jobs) {
                JsonObject status = json(api.get(Api.ONBOARDING + "/jobs/" + job + "/status", key));
                if (status.getString("status").equals("processing") && status.get("workerInfo") instanceof JsonObject info
                        && node.equals(info.getString("node", ""))) {
                    on.add(job);
                }
            }
            if (!on.isEmpty()) {
                return on;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no job was taken by " + node + " within 2 minutes");
    }
}
