package com.voxclone.job.boundary;

import com.voxclone.consent.boundary.ConsentRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.control.JobQueue;
import com.voxclone.job.control.StatusPublisher;
import com.voxclone.job.control.UploadMetrics;
import com.voxclone.job.entity.CloneRequest;
import com.voxclone.job.entity.JobEvent;
import com.voxclone.job.entity.JobStatus;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.quota.boundary.QuotaExceededException;
import com.voxclone.quota.boundary.Quotas;
import com.voxclone.quota.entity.Quota;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.storage.entity.StoredAsset;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * Accepting and steering jobs on the web tier: a submission stores the upload, inserts the job before its history and
 * queues it, all in the caller's transaction; an administrator's retry and cancel change only jobs in the right state.
 */
class JobServiceTest {

    private final JobService service = new JobService();
    private final UUID user = UUID.randomUUID();

    @TempDir
    Path dir;

    @BeforeEach
    void collaborators() {
        service.em = mock(EntityManager.class);
        service.assets = mock(AssetStore.class);
        service.queue = mock(JobQueue.class);
        service.status = mock(StatusPublisher.class);
        service.quotas = mock(Quotas.class);
        service.uploads = mock(UploadMetrics.class);
        service.consents = mock(ConsentRecords.class);
        service.models = mock(com.voxclone.worker.boundary.ModelChoice.class);
    }

    private static JobService.NewClone clone(Path upload, Optional<UUID> consent) {
        return new JobService.NewClone(new CloneRequest("Ada", "Hi.", VoiceSettings.defaults(), "offline"), upload, "audio/wav",
                AudioFacts.UNKNOWN, Optional.empty(), consent);
    }

    @Test
    void theConsentIsTakenForTheJobInItsTransactionOnceTheJobIsInserted() throws Exception {
        Path upload = Files.write(dir.resolve("a.wav"), new byte[] {1, 2, 3});
        when(service.assets.store(any(), any(), any(), any(), any())).thenReturn(
                new StoredAsset(UUID.randomUUID(), user, AssetKind.UPLOAD, "audio/wav", 3, "x", 3000L, 24_000, null));
        UUID challenge = UUID.randomUUID();

        VoiceCloneJob job = service.submit(user, clone(upload, Optional.of(challenge)));

        var order = inOrder(service.em, service.consents);
        order.verify(service.em).persist(job);
        order.verify(service.em).flush();
        order.verify(service.consents).use(user, challenge, job.getId());
    }

    @Test
    void aSubmissionStoresTheUploadInsertsTheJobBeforeItsHistoryAndQueuesIt() throws Exception {
        Path upload = Files.write(dir.resolve("a.wav"), new byte[] {1, 2, 3});
        UUID assetId = UUID.randomUUID();
        when(service.assets.store(any(), any(), any(), any(), any())).thenReturn(
                new StoredAsset(assetId, user, AssetKind.UPLOAD, "audio/wav", 3, "x", 3000L, 24_000, null));

        VoiceCloneJob job = service.submit(user, clone(upload, Optional.empty()));

        assertEquals(JobStatus.PENDING, job.getStatus());
        assertEquals(assetId, job.getUploadAssetId());
        var order = inOrder(service.em, service.queue);
        order.verify(service.em).persist(job);
        order.verify(service.em).flush();
        order.verify(service.em).persist(any(JobEvent.class));
        order.verify(service.queue).enqueue(job);
    }

    @Test
    void quotasAreCheckedBeforeStoringAndAgainOnceTheUploadIsStored() throws Exception {
        Path upload = Files.write(dir.resolve("a.wav"), new byte[] {1, 2, 3});
        when(service.assets.store(any(), any(), any(), any(), any())).thenReturn(
                new StoredAsset(UUID.randomUUID(), user, AssetKind.UPLOAD, "audio/wav", 3, "x", 3000L, 24_000, null));

        service.submit(user, clone(upload, Optional.empty()));

        var order = inOrder(service.quotas, service.assets, service.em);
        order.verify(service.quotas).precheck(user, Map.of(Quota.VOICES, 1L, Quota.CONCURRENT_JOBS, 1L, Quota.STORED_BYTES, 3L));
        order.verify(service.assets).store(any(), any(), any(), any(), any());
        // Once stored, the upload is in the usage itself: it adds no more bytes, but its quota is checked again.
        order.verify(service.quotas).admit(user, Map.of(Quota.VOICES, 1L, Quota.CONCURRENT_JOBS, 1L, Quota.STORED_BYTES, 0L));
        order.verify(service.em).persist(any(VoiceCloneJob.class));
    }

    @Test
    void aFullQueueRefusesBeforeAnythingIsStoredAndABatchIsCountedWhole() throws Exception {
        Path upload = Files.write(dir.resolve("a.wav"), new byte[] {1, 2, 3});
        doThrow(Problem.of(503, "queue-full", "Too busy right now", "full").build()).when(service.queue).requireRoom(false, 2);
        JobService.NewClone clone = clone(upload, Optional.empty());

        assertThrows(Problem.class, () -> service.submitAll(user, List.of(clone, clone)));

        verify(service.quotas, never()).precheck(any(), any());
        verifyNoInteractions(service.assets);
        verify(service.em, never()).persist(any());
    }

    @Test
    void aJobOverQuotaIsNeitherInsertedNorQueued() throws Exception {
        Path upload = Files.write(dir.resolve("a.wav"), new byte[] {1, 2, 3});
        doThrow(new QuotaExceededException(Quota.CONCURRENT_JOBS, 1, 1, "busy")).when(service.quotas).admit(any(), any());
        when(service.assets.store(any(), any(), any(), any(), any())).thenReturn(
                new StoredAsset(UUID.randomUUID(), user, AssetKind.UPLOAD, "audio/wav", 3, "x", 3000L, 24_000, null));

        assertThrows(QuotaExceededException.class, () -> service.submit(user, clone(upload, Optional.empty())));

        verify(service.em, never()).persist(any());
        verify(service.queue, never()).enqueue(any());
    }

    @Test
    void onlyAFailedJobCanBeRetried() {
        VoiceCloneJob pending = stored(new VoiceCloneJob(user, "Ada", null, VoiceSettings.defaults(), null));

        assertThrows(IllegalStateException.class, () -> service.retry(pending.getId()));

        verify(service.queue, never()).enqueue(any());
        verify(service.status, never()).announce(any());
    }

    @Test
    void aRetriedJobIsPendingQueuedAndAnnounced() {
        VoiceCloneJob job = stored(new VoiceCloneJob(user, "Ada", null, VoiceSettings.defaults(), null));
        job.start("{}");
        job.fail("engine crashed");

        service.retry(job.getId());

        assertEquals(JobStatus.PENDING, job.getStatus());
        assertEquals(2, job.getRuns());
        ArgumentCaptor<JobEvent> event = ArgumentCaptor.forClass(JobEvent.class);
        verify(service.em).persist(event.capture());
        assertEquals("retried by an administrator", event.getValue().getMessage());
        verify(service.queue).enqueue(job);
        verify(service.status).announce(job);
    }

    @Test
    void aJobAWorkerHasStartedCannotBeCancelled() {
        VoiceCloneJob job = stored(new VoiceCloneJob(user, "Ada", null, VoiceSettings.defaults(), null));
        job.start("{}");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> service.cancel(job.getId()));

        assertEquals("only a pending job can be cancelled; this one is processing", refused.getMessage());
        assertEquals(JobStatus.PROCESSING, job.getStatus());
    }

    @Test
    void cancellingAPendingJobFailsItWithTheReason() {
        VoiceCloneJob job = stored(new VoiceCloneJob(user, "Ada", null, VoiceSettings.defaults(), null));

        service.cancel(job.getId());

        assertEquals(JobStatus.FAILED, job.getStatus());
        assertEquals("cancelled by an administrator", job.getError());
        verify(service.status).announce(job);
    }

    @Test
    void anUnknownJobCannotBeRetriedOrCancelled() {
        UUID unknown = UUID.randomUUID();
        assertThrows(IllegalArgumentException.class, () -> service.retry(unknown));
        assertThrows(IllegalArgumentException.class, () -> service.cancel(unknown));
    }

    @Test
    void anotherUsersJobIsNotFoundUnlessTheCallerIsAnAdministrator() {
        VoiceCloneJob job = new VoiceCloneJob(user, "Ada", null, VoiceSettings.defaults(), null);
        when(service.em.find(VoiceCloneJob.class, job.getId())).thenReturn(job);

        assertEquals(Optional.empty(), service.find(UUID.randomUUID(), false, job.getId()));
        assertEquals(Optional.of(job), service.find(UUID.randomUUID(), true, job.getId()));
        assertEquals(Optional.of(job), service.find(user, false, job.getId()));
    }

    private VoiceCloneJob stored(VoiceCloneJob job) {
        when(service.em.find(VoiceCloneJob.class, job.getId(), LockModeType.PESSIMISTIC_WRITE)).thenReturn(job);
        return job;
    }
}
