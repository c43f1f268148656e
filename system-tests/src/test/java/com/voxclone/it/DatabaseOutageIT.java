package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill: the database is away for 30 s under a running stack, with two jobs in the middle of their work (a drill
 * setting holds them 15 s) and one waiting in the queue; once with the default attempts per job, once with a single one. While it is away the API answers 503 with
 * {@code Retry-After} and problem details, never an internal error or a stack trace, and readiness is down. Then the
 * database comes back by itself (the same server, started again on its data directory), and without any restart of
 * the stack: readiness is back, every job accepted before completes exactly once (one voice each), and new uploads are
 * accepted. A heavy drill: runs with {@code -Pdrills}.
 */
@Order(20)
@Tag("drill")
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    /** What a scenario checks once the database is back and the stack ready again. */
    private interface AfterTheOutage {
        void check(Api api, String key, List<String> held, String queued) throws Exception;
    }

    @Test
    void thirtySecondsWithoutTheDatabaseLoseNoJobAndTheStackRecoversByItself() throws Exception {
        outage(Map.of(), (api, key, held, queued) -> {
            assertEquals(3, api.awaitAllCompleted(key, concat(held, queued), Duration.ofMinutes(4)).size(), "one voice for each job");
            JsonArray kept = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
            assertEquals(4, kept.size(), "each job made its voice once: " + kept);

            String after = api.acceptClone(key, "After the outage");
            assertEquals("completed", api.awaitFinished(key, after, Duration.ofMinutes(3)).getString("status"));
        });
    }

    /**
     * With one attempt per job, the outage ends the held jobs' only attempt: nobody can record that (the database is
     * away), and the broker dead-letters their messages. Their leases run out (10 s here), so they are failed with the
     * reason instead of staying processing for good; the job waiting in the queue never started, so it used no attempt
     * and completes.
     */
    @Test
    void jobsWhoseLastAttemptTheOutageEndedFailWithTheReasonInsteadOfStayingProcessing() throws Exception {
        outage(Map.of("VOXCLONE_JOB_MAX_ATTEMPTS", "1", "VOXCLONE_JOBS_LEASE_SECONDS", "10"), (api, key, held, queued) -> {
            for (String job : held) {
                JsonObject finished = api.awaitFinished(key, job, Duration.ofMinutes(3));
                assertEquals("failed", finished.getString("status"), finished.toString());
                assertTrue(finished.getString("error").contains("left it unfinished"), finished.toString());
            }
            assertEquals("completed", api.awaitFinished(key, queued, Duration.ofMinutes(3)).getString("status"),
                    "waiting for the database is not an attempt");
        });
    }

    private static void outage(Map<String, String> settings, AfterTheOutage checks) throws Exception {
        Map<String, String> drills = VoxCloneStack.holdingJobs("Held .*", 15, settings);
        Process database = null;
        try (VoxCloneStack stack = VoxCloneStack.embedded("db-outage", drills).start()) {
            Api api = new Api(stack.baseUri());
            String key = api.createUser("Outage");
            String before = api.acceptClone(key, "Before the outage");
            assertEquals("completed", api.awaitFinished(key, before, Duration.ofMinutes(3)).getString("status"));

            List<String> held = List.of(api.acceptClone(key, "Held 1"), api.acceptClone(key, "Held 2"));
            api.awaitProcessing(key, held, Duration.ofMinutes(1));
            // Both of the node's job sessions are busy: this one waits in the queue.
            String queued = api.acceptClone(key, "Queued 3");

            Path dataDir = stack.dataDir().resolve("postgres");
            List<String> commandLine = postmasterCommandLine(dataDir);
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle killed = ProcessHandle.of(postmaster).orElseThrow();
            long down = System.nanoTime();
            killed.destroyForcibly();
            killed.onExit().get();

            HttpResponse<String> voices = api.get("/api/public/voice/voices", key);
            assertEquals(503, voices.statusCode(), voices.body());
            assertEquals("10", voices.headers().firstValue("Retry-After").orElse(""));
            JsonObject problem = json(voices);
            assertEquals("https://voxclone.example/problems/service-unavailable", problem.getString("type"));
            assertTrue(problem.getString("detail").contains("cannot reach its database"), problem.toString());
            assertFalse(voices.body().contains("Exception"), "no stack trace or exception name: " + voices.body());
            assertEquals(503, api.get("/health/ready", null).statusCode(), "not ready without its database");

            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));
            database = startAgain(commandLine, stack.dataDir().resolve("postgres-again.log"));

            awaitReady(api, Duration.ofMinutes(2));
            checks.check(api, key, held, queued);
        } finally {
            // The stack's stop ends the database it finds on its data directory; this is for a stack that did not.
            if (database != null && database.isAlive()) {
                database.destroy();
                if (!database.waitFor(30, TimeUnit.SECONDS)) {
                    database.destroyForcibly();
                }
            }
        }
    }

    private static List<String> concat(List<String> held, String queued) {
        List<String> all = new ArrayList<>(held);
        all.add(queued);
        return all;
    }

    private static void awaitReady(Api api, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (api.get("/health/ready", null).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "not ready again within " + timeout.toSeconds() + " s of the database's return");
            Thread.sleep(500);
        }
    }

    /** How the server was started, as PostgreSQL itself wrote it down: the same binary, data directory and settings. */
    private static List<String> postmasterCommandLine(Path dataDir) throws IOException {
        String opts = Files.readString(dataDir.resolve("postmaster.opts")).trim();
        List<String> words = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; as the launcher's embedded database does, run it in a user namespace.
            words.addAll(List.of("unshare", "-U"));
        }
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(opts);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    /** Starts the server again; its killed server processes may take a moment to let go of the data directory. */
    private static Process startAgain(List<String> commandLine, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Process p = new ProcessBuilder(commandLine).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                return p;
            }
            assertTrue(System.nanoTime() < deadline, "PostgreSQL did not start again: " + Files.readString(log));
            Thread.sleep(1000);
        }
    }
}
