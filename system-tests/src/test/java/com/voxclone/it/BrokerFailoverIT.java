package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * Then fail-back: the primary is started again on its old journal. Must hold: it takes the replica from the backup
 * and serves again, the backup goes back to waiting as the primary's replica, and uploads after that complete too.
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

                long restarted = System.nanoTime();
                pair.restartPrimary();
                pair.awaitPrimaryActive(Duration.ofMinutes(2));
                pair.awaitBackupInSync(Duration.ofMinutes(1));
                assertFalse(pair.backupActive(), "the backup handed the work back");
                long primaryActive = System.nanoTime();
                List<String> afterFailback = new ArrayList<>();
                for (int i = 1; i <= AFTER; i++) {
                    afterFailback.add(api.acceptCloneRetrying(key, "After the fail-back " + i, () -> refusals++));
                }
                assertEquals(AFTER, api.awaitAllCompleted(key, afterFailback, Duration.ofMinutes(3)).size());
                System.out.printf("Broker fail-back: primary active again %.1f s after its restart; all %d later jobs completed "
                        + "%.1f s after that%n", (primaryActive - restarted) / 1e9, AFTER, (System.nanoTime() - primaryActive) / 1e9);
                voices = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
                assertEquals(1 + 2 + QUEUED + 2 * AFTER, voices.size(), "each job made its voice once: " + voices);
            }
        } finally {
            TempDirs.delete(brokers);
        }
    }
}
