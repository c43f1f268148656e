package com.voxclone.job.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.entity.VoiceCloneJob;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Fault settings act only when fault drills are switched on. */
class FaultInjectionTest {

    private static FaultInjection faults(boolean drills) {
        FaultInjection f = new FaultInjection();
        f.drillsEnabled = drills;
        f.failingVoiceNames = Optional.of("fail-always.*");
        f.failingFirstRunVoiceNames = Optional.empty();
        f.crashInCommitVoiceNames = Optional.of("crash.*");
        f.slowVoiceNames = Optional.of("slow.*");
        f.slowSeconds = 1;
        f.hungVoiceNames = Optional.of("hung.*");
        f.hungSeconds = 1;
        f.init();
        return f;
    }

    private static VoiceCloneJob job(String voiceName) {
        VoiceCloneJob job = new VoiceCloneJob(UUID.randomUUID(), voiceName, null, VoiceSettings.defaults(), UUID.randomUUID());
        job.start("{}");
        return job;
    }

    @Test
    void withoutDrillsAFaultSettingIsIgnored() {
        FaultInjection off = faults(false);

        assertDoesNotThrow(() -> off.beforeProcessing(job("fail-always-1")));
        assertDoesNotThrow(() -> off.beforeCommit(job("crash-1")), "no transaction is joined: there is none here");
        assertEquals(Map.of("enabled", "false"), off.describe());
    }

    @Test
    void withDrillsMatchingJobsFail() {
        FaultInjection on = faults(true);

        assertThrows(FaultInjection.InjectedFault.class, () -> on.beforeProcessing(job("fail-always-1")));
        assertDoesNotThrow(() -> on.beforeProcessing(job("Ada")));
        assertEquals(Map.of("enabled", "true", "failingVoiceNames", "fail-always.*", "crashInCommitVoiceNames", "crash.*",
                "slowVoiceNames", "slow.*", "slowSeconds", "1", "hungVoiceNames", "hung.*", "hungSeconds", "1"), on.describe());
    }

    @Test
    void aSlowDrillHoldsMatchingJobsOnlyWhenDrillsAreOn() {
        assertEquals(Map.of("enabled", "false"), faults(false).describe(), "without drills the setting is ignored");
        long started = System.nanoTime();
        faults(true).beforeProcessing(job("slow-1"));
        assertTrue(System.nanoTime() - started >= 1_000_000_000L, "with drills the job waits its second");
    }

    @Test
    void aHungDrillDoesNotStopWhenInterruptedButKeepsTheInterrupt() throws Exception {
        FaultInjection on = faults(true);
        long[] took = new long[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread worker = new Thread(() -> {
            long started = System.nanoTime();
            on.beforeProcessing(job("hung-1"));
            took[0] = System.nanoTime() - started;
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        worker.start();
        Thread.sleep(100);
        worker.interrupt();
        worker.join(5000);

        assertTrue(took[0] >= 1_000_000_000L, "hung for its whole second despite the interrupt: " + took[0] + " ns");
        assertTrue(stillInterrupted[0], "the interrupt is noted, as a native call leaves it");
    }
}
