package com.voxclone.job.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.control.JobMessages;
import com.voxclone.job.control.StatusPublisher;
import com.voxclone.job.entity.JobEvent;
import com.voxclone.job.entity.JobStatus;
import com.voxclone.job.entity.LeaseRecovery;
import com.voxclone.job.entity.VoiceCloneJob;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

/**
 * The status changes a worker makes: each locks the job, writes it with its history entry and announces it after
 * the write; a finished or missing job is left alone; the changes that must survive the attempt's rollback commit
 * on their own.
 */
class JobLifecycleTest {

    private final JobLifecycle lifecycle = new JobLifecycle();
    private VoiceCloneJob job;

    @BeforeEach
    void collaborators() {
        lifecycle.em = mock(EntityManager.class);
        lifecycle.status = mock(StatusPublisher.class);
        lifecycle.messages = mock(JobMessages.class);
        lifecycle.leaseSeconds = 60;
        lifecycle.maxAttempts = 3;
        job = new VoiceCloneJob(UUID.randomUUID(), "Ada", null, VoiceSettings.defaults(), UUID.randomUUID());
        when(lifecycle.em.find(VoiceCloneJob.class, job.getId(), LockModeType.PESSIMISTIC_WRITE)).thenReturn(job);
    }

    @Test
    void aStartedJobIsLeasedToItsNodeForTheConfiguredTime() {
        lifecycle.start(job.getId(), "{}", "node-7");

        assertEquals("node-7", job.getLeaseHolder());
        long seconds = Duration.between(OffsetDateTime.now(), job.getLeaseExpiresAt()).toSeconds();
        assertTrue(seconds >= 58 && seconds <= 60, "lease of 60 s, ends in " + seconds + " s");
    }

    @Test
    void aJobWhoseHolderStoppedIsHandedBackToTheQueueWithItsReason() {
        lapsedAfterAttempts(1);

        assertEquals(new LeaseRecovery(List.of(job.getId()), List.of()), lifecycle.recoverLapsedLeases("sweeper"));

        assertEquals(JobStatus.PENDING, job.getStatus());
        assertTrue(job.getError().contains("node-x left this job without a result"), job.getError());
        ArgumentCaptor<Object> event = ArgumentCaptor.forClass(Object.class);
        var order = inOrder(lifecycle.em, lifecycle.messages, lifecycle.status);
        order.verify(lifecycle.em).persist(event.capture());
        order.verify(lifecycle.messages).send(job);
        order.verify(lifecycle.status).announce(job);
        assertEquals(JobStatus.PENDING, ((JobEvent) event.getValue()).getStatus());
    }

    @Test
    void aJobWhoseHolderStoppedOnItsLastAttemptFailsInsteadOfRunningForEver() {
        lapsedAfterAttempts(3);

        assertEquals(new LeaseRecovery(List.of(), List.of(job.getId())), lifecycle.recoverLapsedLeases("sweeper"));

        assertEquals(JobStatus.FAILED, job.getStatus());
        assertTrue(job.getError().contains("ended without a result on the last attempt (3 of 3)"), job.getError());
        verify(lifecycle.messages, never()).send(any());
    }

    private void lapsedAfterAttempts(int attempts) {
        for (int i = 0; i < attempts; i++) {
            job.start("{}");
        }
        job.leaseTo("node-x", Duration.ofSeconds(-1));
        Query lapsed = mock(Query.class);
        when(lapsed.getResultList()).thenReturn(List.of(job.getId()));
        when(lifecycle.em.createNativeQuery(org.mockito.ArgumentMatchers.startsWith("SELECT id FROM voice_clone_job"))).thenReturn(lapsed);
        when(lifecycle.em.find(VoiceCloneJob.class, job.getId())).thenReturn(job);
    }

    @Test
    void startMarksTheJobProcessingWritesItsHistoryThenAnnounces() {
        var started = lifecycle.start(job.getId(), "{\"node\":\"n\"}", "n");

        assertSame(job, started.orElseThrow());
        assertEquals(JobStatus.PROCESSING, job.getStatus());
        assertEquals(1, job.getAttempts());
        ArgumentCaptor<Object> event = ArgumentCaptor.forClass(Object.class);
        var order = inOrder(lifecycle.em, lifecycle.status);
        order.verify(lifecycle.em).persist(event.capture());
        order.verify(lifecycle.em).flush();
        order.verify(lifecycle.status).announce(job);
        assertEquals(JobStatus.PROCESSING, ((JobEvent) event.getValue()).getStatus());
    }

    @Test
    void aMissingJobIsNotStarted() {
        UUID unknown = UUID.randomUUID();

        assertTrue(lifecycle.start(unknown, "{}", "n").isEmpty());

        verify(lifecycle.em, never()).persist(any());
        verify(lifecycle.status, never()).announce(any());
    }

    @Test
    void aFinishedJobIsNeitherStartedNorChanged() {
        job.start("{}");
        job.complete("voice_1", null);

        assertTrue(lifecycle.start(job.getId(), "{}", "n").isEmpty());
        lifecycle.fail(job.getId(), "late failure", "n");
        lifecycle.attemptFailed(job.getId(), 1, "late attempt", "n");

        assertEquals(JobStatus.COMPLETED, job.getStatus());
        verify(lifecycle.em, never()).persist(any());
        verify(lifecycle.status, never()).announce(any());
    }

    @Test
    void aFailedAttemptKeepsTheJobProcessingWithTheReason() {
        job.start("{}");

        lifecycle.attemptFailed(job.getId(), 1, "device busy", "n");

        assertEquals(JobStatus.PROCESSING, job.getStatus());
        assertEquals("device busy", job.getError());
        verify(lifecycle.status).announce(job);
    }

    @Test
    void aFailedAttemptRecordedAfterTheNextOneStartedLeavesTheNextOneAlone() {
        job.start("{}");
        job.start("{}");
        job.leaseTo("node-2", Duration.ofSeconds(60));

        lifecycle.attemptFailed(job.getId(), 1, "device busy", "node-1");

        assertEquals(null, job.getError());
        assertEquals("node-2", job.getLeaseHolder());
        verify(lifecycle.em, never()).persist(any());
        verify(lifecycle.status, never()).announce(any());
    }

    @Test
    void failingEndsTheJobWithTheReason() {
        job.start("{}");

        lifecycle.failAfterLastAttempt(job.getId(), "Processing failed after 3 attempts.", "n");

        assertEquals(JobStatus.FAILED, job.getStatus());
        assertEquals("Processing failed after 3 attempts.", job.getError());
        verify(lifecycle.status).announce(job);
    }

    @Test
    void aJobStoppedAtItsTimeLimitFailsWithTheLimitAndTheNode() {
        job.start("{}");
        job.start("{}");
        stillHeldByItsAttempt(true);

        assertTrue(lifecycle.stopAtTimeLimit(job.getId(), 1, 2, Duration.ofMinutes(30), "node-3"));

        assertEquals(JobStatus.FAILED, job.getStatus());
        assertEquals("Processing was stopped: attempt 2 on node node-3 worked for more than 30 min without a result (the "
                + "limit set by VOXCLONE_JOBS_TIME_LIMIT_SECONDS). An administrator can retry the job.", job.getError());
        verify(lifecycle.status).announce(job);
    }

    @Test
    void aJobNoLongerHeldByTheOverrunningAttemptIsNotStopped() {
        job.start("{}");
        stillHeldByItsAttempt(false);

        assertEquals(false, lifecycle.stopAtTimeLimit(job.getId(), 1, 1, Duration.ofMinutes(30), "node-3"));

        assertEquals(JobStatus.PROCESSING, job.getStatus());
        verify(lifecycle.status, never()).announce(any());
    }

    /** Whether the query for the job's row, still processing under the attempt and not locked, finds it. */
    private void stillHeldByItsAttempt(boolean found) {
        Query row = mock(Query.class, org.mockito.Mockito.RETURNS_SELF);
        when(row.getResultList()).thenReturn(found ? List.of(job.getId()) : List.of());
        when(lifecycle.em.createNativeQuery(org.mockito.ArgumentMatchers.contains("AND runs = ? AND attempts = ? FOR UPDATE SKIP LOCKED")))
                .thenReturn(row);
    }

    @Test
    void onlyTheAttemptThatHoldsTheJobMayWriteItsOutcome() {
        job.start("{}");
        assertTrue(lifecycle.holdsOutcome(job.getId(), 1, 1));
        assertEquals(false, lifecycle.holdsOutcome(job.getId(), 1, 2), "not an attempt that has not started");

        job.start("{}");
        assertEquals(false, lifecycle.holdsOutcome(job.getId(), 1, 1), "started again since");

        job.handBack("its lease ran out");
        assertEquals(false, lifecycle.holdsOutcome(job.getId(), 1, 2), "handed back");

        job.start("{}");
        job.fail("stopped at its time limit");
        assertEquals(false, lifecycle.holdsOutcome(job.getId(), 1, 3), "finished");

        job.requeue();
        job.start("{}");
        assertEquals(false, lifecycle.holdsOutcome(job.getId(), 1, 1), "an attempt of the earlier run");
        assertTrue(lifecycle.holdsOutcome(job.getId(), 2, 1));
    }

    /** These survive the rollback of the attempt that calls them, so the user sees them at once. */
    @ParameterizedTest
    @ValueSource(strings = {"start", "attemptFailed", "failAfterLastAttempt"})
    void changesThatOutliveTheAttemptCommitOnTheirOwn(String method) {
        assertEquals(TransactionAttributeType.REQUIRES_NEW, transactionOf(method));
    }

    /** Completing and failing for good join the message's transaction: the voice, the job and the message commit together. */
    @ParameterizedTest
    @ValueSource(strings = {"complete", "fail"})
    void theOutcomeJoinsTheMessagesTransaction(String method) {
        assertEquals(null, transactionOf(method));
    }

    private static TransactionAttributeType transactionOf(String name) {
        var method = Arrays.stream(JobLifecycle.class.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
        TransactionAttribute attribute = method.getAnnotation(TransactionAttribute.class);
        return attribute == null ? null : attribute.value();
    }
}
