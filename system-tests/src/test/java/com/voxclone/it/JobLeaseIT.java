package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jobs are leased to the node working on them. A job whose node stopped without a result, and whose message is gone
 * (as when the node lost the database at the end of the job's last attempt, so nobody could record the outcome), is
 * found by its lapsed lease: handed back to the queue while it has attempts left, failed with the reason after its last
 * one; never left {@code processing}. A job that takes longer than its lease keeps it while its node works. A job
 * that works past its time limit (a hung engine call) is stopped: failed with the reason, whatever its work returns
 * later discarded, and the node not live while the hung thread is held.
 *
 * <p>The lapsed jobs are put into the database as such a node leaves them: a copy of a real job, {@code processing},
 * its lease run out, no message on the queue.
 */
@ExtendWith(SharedStack.class)
@Order(9)
class JobLeaseIT {

    /** The shared stack's lease: renewed every third of it. */
    static final int LEASE_SECONDS = 8;
    /** Jobs whose voice name starts with this are held this long in the middle of their work. */
    static final String OUTLASTING_PREFIX = "Outlasting its lease";
    static final int HELD_SECONDS = 12;
    /** The shared stack's time limit for a job's work. */
    static final int TIME_LIMIT_SECONDS = 30;
    /** Jobs whose voice name starts with this hang this long, not stopping when interrupted. */
    static final String HUNG_PREFIX = "Hung past its time limit";
    static final int HUNG_SECONDS = 40;

    @Test
    void aJobLeftProcessingByAStoppedNodeIsHandedBackAndCompletes() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Lease lapsed");
        UUID job = leftBehindByAStoppedNode(api, key, "Left behind", 1);

        JsonObject finished = api.awaitFinished(key, job.toString(), Duration.ofMinutes(2));
        assertEquals("completed", finished.getString("status"), finished.toString());
        assertEquals(2, finished.getInt("attempts"), "the lost attempt and the one that completed it");
        assertTrue(history(api, job).contains("left this job without a result"), history(api, job));
    }

    @Test
    void aJobLeftProcessingOnItsLastAttemptFailsWithTheReason() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Lease lapsed last");
        UUID job = leftBehindByAStoppedNode(api, key, "Left behind last", 3);

        JsonObject finished = api.awaitFinished(key, job.toString(), Duration.ofMinutes(2));
        assertEquals("failed", finished.getString("status"), finished.toString());
        assertTrue(finished.getString("error").contains("ended without a result on the last attempt (3 of 3)"), finished.toString());
        assertTrue(finished.getString("error").contains("it-vanished-node"), "names the node: " + finished);
    }

    @Test
    void aJobThatOutlastsItsLeaseKeepsItWhileItsNodeWorks() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Lease kept");
        String job = api.acceptClone(key, OUTLASTING_PREFIX);
        // While it works, the console's worker list shows the job as one of its node's current jobs.
        api.awaitProcessing(key, List.of(job), Duration.ofMinutes(1));
        assertEquals(List.of(job), workersWorkingOn(api, job));

        JsonObject finished = api.awaitFinished(key, job, Duration.ofMinutes(2));
        assertEquals("completed", finished.getString("status"), finished.toString());
        assertEquals(1, finished.getInt("attempts"), "held " + HELD_SECONDS + " s against a lease of " + LEASE_SECONDS + " s: " + finished);
        assertEquals(List.of(), workersWorkingOn(api, job), "no longer current once completed");
        assertFalse(history(api, UUID.fromString(job)).contains("without a result"), history(api, UUID.fromString(job)));
    }

    @Test
    void aJobThatWorksPastItsTimeLimitIsStoppedAndWhatItsWorkReturnsLaterIsDiscarded() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Time limit");
        String job = api.acceptClone(key, HUNG_PREFIX);
        long started = System.nanoTime();

        JsonObject stopped = api.awaitFinished(key, job, Duration.ofSeconds(HUNG_SECONDS + 30));
        long stoppedAfter = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertEquals("failed", stopped.getString("status"), stopped.toString());
        assertTrue(stopped.getString("error").contains("worked for more than " + TIME_LIMIT_SECONDS + " s without a result"),
                stopped.toString());
        assertTrue(stoppedAfter < HUNG_SECONDS, "stopped at its limit, not when the hang ended: after " + stoppedAfter + " s");

        // The hung thread is still held: the node says it is not live, naming the job.
        HttpResponse<String> live = api.get("/health/live", null);
        assertEquals(503, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"clone-jobs\"") && live.body().contains(job), live.body());

        // Once the hang ends, the work goes on to its end, but its result is not the job's: no voice, still failed.
        long deadline = System.nanoTime() + Duration.ofSeconds(HUNG_SECONDS + 60).toNanos();
        while (api.get("/health/live", null).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "live again once the hung thread returned");
            Thread.sleep(500);
        }
        JsonObject after = json(api.get(Api.ONBOARDING + "/jobs/" + job + "/status", key));
        assertEquals("failed", after.getString("status"), after.toString());
        assertEquals(1, after.getInt("attempts"), after.toString());
        assertEquals(0, ((JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body())).size(),
                "the discarded attempt made no voice");
        assertTrue(api.get("/metrics", null).body().contains("voxclone_job_time_limit_stops_total"), "counted for monitoring");
    }

    /** The jobs among the workers' current jobs that are {@code job} (one entry per worker that lists it). */
    private static List<String> workersWorkingOn(Api api, String job) throws Exception {
        JsonArray workers = (JsonArray) Api.parseStructure(api.get("/api/admin/workers", VoxCloneStack.ADMIN_KEY).body());
        return workers.stream().flatMap(w -> w.asJsonObject().getJsonArray("currentJobs").getValuesAs(JsonString.class).stream())
                .map(JsonString::getString).filter(job::equals).toList();
    }

    /** A real job's copy, as a node that stopped in the middle of attempt {@code attempts} leaves it. */
    private static UUID leftBehindByAStoppedNode(Api api, String key, String voiceName, int attempts) throws Exception {
        var accepted = api.upload(key, Map.of("voiceName", voiceName + " (original)"), Media.file("lease", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String original = json(accepted).getString("jobId");
        assertEquals("completed", api.awaitFinished(key, original, Duration.ofMinutes(2)).getString("status"));

        UUID copy = UUID.randomUUID();
        try (Connection db = SharedStack.stack().database(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            try (PreparedStatement take = db.prepareStatement("CREATE TEMP TABLE left_behind ON COMMIT DROP AS "
                    + "SELECT * FROM voice_clone_job WHERE id = ?")) {
                take.setObject(1, UUID.fromString(original));
                take.execute();
            }
            try (PreparedStatement leave = db.prepareStatement("UPDATE left_behind SET id = ?, voice_name = ?, "
                    + "status = 'processing', attempts = ?, voice_id = NULL, result_asset_id = NULL, error = NULL, "
                    + "finished_at = NULL, processing_time_ms = NULL, started_at = now() - interval '1 minute', "
                    + "lease_holder = 'it-vanished-node', lease_expires_at = now() - interval '1 second', "
                    + "created_at = now() - interval '1 minute', updated_at = now() - interval '1 minute'")) {
                leave.setObject(1, copy);
                leave.setString(2, voiceName);
                leave.setInt(3, attempts);
                leave.executeUpdate();
            }
            sql.executeUpdate("INSERT INTO voice_clone_job SELECT * FROM left_behind");
            db.commit();
        }
        return copy;
    }

    private static String history(Api api, UUID job) throws Exception {
        return json(api.get("/api/admin/jobs/" + job, VoxCloneStack.ADMIN_KEY)).getJsonArray("history").toString();
    }
}
