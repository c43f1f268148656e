package com.voxclone.job.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.control.JobMetrics;
import com.voxclone.job.entity.LeaseRecovery;
import com.voxclone.job.entity.VoiceCloneJob;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The beat renews the leases of the jobs being worked on, and stops a job that worked past its time limit: failed
 * through the lifecycle, its thread interrupted, listed as stuck (liveness down) until that thread lets go.
 */
class JobLeasesTest {

    private final JobLeases leases = new JobLeases();
    private VoiceCloneJob job;

    @BeforeEach
    void collaborators() {
        leases.lifecycle = mock(JobLifecycle.class);
        leases.metrics = mock(JobMetrics.class);
        leases.nodeName = "node-1";
        leases.timeLimitSeconds = 3600;
        when(leases.lifecycle.recoverLapsedLeases(anyString())).thenReturn(new LeaseRecovery(List.of(), List.of()));
        job = new VoiceCloneJob(UUID.randomUUID(), "Ada", null, VoiceSettings.defaults(), UUID.randomUUID());
        job.start("{}");
    }

    @Test
    void aJobWithinItsTimeLimitHasItsLeaseRenewedAndIsNotStopped() {
        JobLeases.HeldJob held = leases.hold(job, "node-1");

        leases.renewAndRecover();

        verify(leases.lifecycle).renewLeases(List.of(job.getId()), "node-1");
        verify(leases.lifecycle, never()).stopAtTimeLimit(any(), anyInt(), anyInt(), any(), anyString());
        assertEquals(HealthCheckResponse.Status.UP, leases.liveness("clone-jobs", "node-1").getStatus());
        held.release();
    }

    @Test
    void aJobPastItsTimeLimitIsStoppedItsThreadInterruptedAndListedAsStuckUntilItLetsGo() throws Exception {
        leases.timeLimitSeconds = 0;
        when(leases.lifecycle.stopAtTimeLimit(job.getId(), 1, 1, Duration.ZERO, "node-1")).thenReturn(true);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        boolean[] interruptedWhileHeld = new boolean[1];
        boolean[] interruptedAfterRelease = new boolean[1];
        Thread worker = new Thread(() -> {
            JobLeases.HeldJob held = leases.hold(job, "node-1");
            holding.countDown();
            awaitQuietly(letGo);
            interruptedWhileHeld[0] = Thread.currentThread().isInterrupted();
            held.release();
            interruptedAfterRelease[0] = Thread.currentThread().isInterrupted();
        });
        worker.start();
        assertTrue(holding.await(5, TimeUnit.SECONDS));
        Thread.sleep(5);

        leases.renewAndRecover();

        verify(leases.metrics).stoppedAtTimeLimit();
        assertEquals(List.of(job.getId()), leases.stuck().stream().map(s -> s.jobId()).toList());
        HealthCheckResponse live = leases.liveness("clone-jobs", "node-1");
        assertEquals(HealthCheckResponse.Status.DOWN, live.getStatus());
        assertTrue(live.getData().orElseThrow().get("stuckJobs").toString().contains(job.getId().toString()), live.getData().toString());

        leases.renewAndRecover();
        verify(leases.lifecycle, never()).renewLeases(eq(List.of(job.getId())), anyString());
        verify(leases.metrics).stoppedAtTimeLimit();

        letGo.countDown();
        worker.join(5000);
        assertTrue(interruptedWhileHeld[0], "the thread was asked to stop");
        assertFalse(interruptedAfterRelease[0], "the interrupt does not follow the thread to its next job");
        assertEquals(List.of(), leases.stuck());
        assertEquals(HealthCheckResponse.Status.UP, leases.liveness("clone-jobs", "node-1").getStatus());
    }

    @Test
    void aJobTheLifecycleDoesNotStopIsLeftToItsThread() {
        leases.timeLimitSeconds = 0;
        JobLeases.HeldJob held = leases.hold(job, "node-1");

        leases.renewAndRecover();

        verify(leases.lifecycle).stopAtTimeLimit(eq(job.getId()), eq(1), eq(1), any(), eq("node-1"));
        verify(leases.metrics, never()).stoppedAtTimeLimit();
        assertEquals(List.of(), leases.stuck());
        assertFalse(Thread.currentThread().isInterrupted());
        held.release();
    }

    @Test
    void progressStartsTheTimeLimitAgain() throws Exception {
        leases.timeLimitSeconds = 1;
        JobLeases.HeldJob held = leases.hold(job, "node-1");
        Thread.sleep(700);
        held.progressed();
        Thread.sleep(700);

        leases.renewAndRecover();

        verify(leases.lifecycle, never()).stopAtTimeLimit(any(), anyInt(), anyInt(), any(), anyString());
        held.release();
    }

    /** Waits like work that does not stop when asked: the interrupt is noted and kept, not obeyed. */
    private static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
