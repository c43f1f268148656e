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
 * Drill: a worker-only node goes while it holds jobs in the middle of their work: killed ({@code kill -9}, its sockets
 * closed by the operating system), or frozen as a machine that vanished ({@code kill -STOP}: its connections stay
 * open, so the broker only notices when they time out). What must hold: the jobs are given back (by the broker, or by
 * the lease keeper when their leases lapse), the surviving node runs them, and each job completes exactly once (one
 * voice each, never two).
 */
@Tag("drill")
class WorkerCrashIT {

    /** How the worker node goes in the middle of its jobs. */
    private interface Going {
        void go(VoxCloneStack worker) throws Exception;
    }

    @Test
    void jobsOfAKilledWorkerFinishOnTheOtherNodeExactlyOnce() throws Exception {
        jobsFinishOnTheOtherNodeExactlyOnce("crash", VoxCloneStack::kill);
    }

    @Test
    void jobsOfAWorkerWhoseMachineVanishedFinishOnTheOtherNodeExactlyOnce() throws Exception {
        long[] started = new long[1];
        jobsFinishOnTheOtherNodeExactlyOnce("vanish", worker -> {
            worker.freeze();
            started[0] = System.nanoTime();
        });
        System.out.printf("The frozen node's jobs all completed on the other node %.1f s after it froze%n",
                (System.nanoTime() - started[0]) / 1e9);
    }

    private static void jobsFinishOnTheOtherNodeExactlyOnce(String name, Going going) throws Exception {
        String workerNode = "it-" + name + "-worker-worker";
        Map<String, String> drills = VoxCloneStack.holdingJobs("Slow .*", 20, Map.of());
        try (VoxCloneStack main = VoxCloneStack.embedded(name + "-main", drills).start();
             VoxCloneStack worker = VoxCloneStack.workerFor(main, name + "-worker").start()) {
            Api api = new Api(main.baseUri());
            String key = api.createUser("Crash survivor");
            List<String> jobs = new ArrayList<>();
            // Four slow jobs: each node runs two at a time, so the worker node holds some of them.
            for (int i = 0; i < 4; i++) {
                var accepted = api.upload(key, Map.of("voiceName", "Slow " + i), Media.file("crash-" + i, MediaType.WAV, Media.speech()));
                assertEquals(202, accepted.statusCode(), accepted.body());
                jobs.add(json(accepted).getString("jobId"));
            }
            List<String> onWorker = awaitProcessingOn(api, key, jobs, workerNode);
            going.go(worker);

            for (String job : jobs) {
                JsonObject done = api.awaitFinished(key, job, Duration.ofMinutes(5));
                assertEquals("completed", done.getString("status"), done.toString());
            }
            for (String job : onWorker) {
                JsonObject status = json(api.get(Api.ONBOARDING + "/jobs/" + job + "/status", key));
                assertTrue(!status.getJsonObject("workerInfo").getString("node").equals(workerNode),
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
