package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArray;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill: the product's broker pair (primary and backup of {@code config/broker/ha/}, replicating, each in a process
 * of its own) serves a VoxClone node that lists both. The primary is killed with {@code kill -9} while two jobs are
 * in the middle of their work (a drill setting holds them 15 s) and ten wait in the queue. Must hold: the backup takes
 * over; every job accepted before the kill completes exactly once (one voice each); uploads after the kill are accepted
 * (a 503 while the backup takes over is retried, as its {@code Retry-After} asks) and complete on the backup.
 * A heavy drill: runs with {@code -Pdrills}.
 */
@Tag("drill")
class BrokerFailoverIT {

    private static final int QUEUED = 10;
    private static final int AFTER = 5;

    private int refusals;

    @Test
    void killingThePrimaryBrokerLosesNoJob() throws Exception {
        Path brokers = TempDirs.create("broker-pair");
        try (BrokerPair pair = BrokerPair.start(brokers)) {
            Map<String, String> settings = VoxCloneStack.holdingJobs("Held .*", 15, pair.nodeSettings());
            try (VoxCloneStack stack = VoxCloneStack.embedded("broker-failover", settings).start()) {
                Api api = new Api(stack.baseUri());
                String key = api.createUser("Broker fail-over");
                List<String> jobs = new ArrayList<>(api.jobsInFlight(key, QUEUED));

                long killed = System.nanoTime();
                pair.killPrimary();
                pair.awaitBackupActive(Duration.ofMinutes(1));
                long backupActive = System.nanoTime();
                for (int i = 1; i <= AFTER; i++) {
                    jobs.add(api.acceptCloneRetrying(key, "After the kill " + i, () -> refusals++));
                }

                assertEquals(jobs.size(), api.awaitAllCompleted(key, jobs, Duration.ofMinutes(4)).size());
                System.out.printf("Broker fail-over: backup active %.1f s after the kill; %d uploads refused with 503 "
                                + "meanwhile; all %d jobs completed %.1f s after the kill%n", (backupActive - killed) / 1e9,
                        refusals, jobs.size(), (System.nanoTime() - killed) / 1e9);
                JsonArray voices = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
                assertEquals(1 + 2 + QUEUED + AFTER, voices.size(), "each job made its voice once: " + voices);
            }
        } finally {
            TempDirs.delete(brokers);
        }
    }
}
