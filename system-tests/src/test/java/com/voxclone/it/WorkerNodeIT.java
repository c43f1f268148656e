package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes: the main node (web + worker, embedded database and broker) and a worker-only node started with
 * {@code voxclone worker} against the main node's database and broker. Both take jobs from the one queue.
 */
@ExtendWith(SharedStack.class)
@Order(5)
class WorkerNodeIT {

    @Test
    void aWorkerOnlyNodeJoinsAndProcessesJobs() throws Exception {
        Api api = SharedStack.api();
        try (VoxCloneStack worker = VoxCloneStack.workerFor(SharedStack.stack(), "second-worker").start()) {
            JsonArray workers = awaitWorkers(api, 2);
            assertTrue(workers.stream().map(JsonValue::asJsonObject).anyMatch(w -> w.getString("node").equals("it-second-worker-worker")),
                    workers.toString());
            String key = api.createUser("Two nodes");
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                var accepted = api.upload(key, Map.of("voiceName", "Voice " + i), Media.file("two-nodes-" + i, MediaType.WAV, Media.speech()));
                assertEquals(202, accepted.statusCode(), accepted.body());
                jobs.add(json(accepted).getString("jobId"));
            }
            for (String jobId : jobs) {
                JsonObject done = api.awaitFinished(key, jobId, Duration.ofMinutes(4));
                assertEquals("completed", done.getString("status"), done.toString());
            }
            assertTrue(worker.logText().contains("Worker it-second-worker-worker ready"), "the worker node did not start its engine");
        }
    }

    private static JsonArray awaitWorkers(Api api, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonArray alive = null;
        while (System.nanoTime() < deadline) {
            JsonArray all = (JsonArray) Api.parseStructure(api.get("/api/admin/workers", VoxCloneStack.ADMIN_KEY).body());
            alive = all.stream().filter(w -> w.asJsonObject().getBoolean("alive"))
                    .collect(Json::createArrayBuilder, JsonArrayBuilder::add, JsonArrayBuilder::addAll).build();
            if (alive.size() >= count) {
                return alive;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("expected " + count + " live workers, saw " + alive);
    }
}
