package com.voxclone.job.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.voxclone.audit.boundary.AuditTrail;
import com.voxclone.audit.entity.AuditEvent;
import com.voxclone.consent.boundary.ConsentVerification;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.boundary.MediaRejectedException;
import com.voxclone.audio.entity.NormalizedAudio;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.boundary.VoiceEngine;
import com.voxclone.engine.boundary.VoiceEngines;
import com.voxclone.engine.entity.EngineDescriptor;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.control.FaultInjection;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.AfterRollback;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.StoredAsset;
import com.voxclone.voice.boundary.ReferenceAudio;
import com.voxclone.voice.boundary.VoiceService;
import com.voxclone.voice.entity.NewVoice;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.voice.entity.VoiceSample;
import com.voxclone.watermark.boundary.Watermarks;
import com.voxclone.worker.boundary.WorkerIdentity;
import jakarta.ejb.EJBException;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.ArgumentMatchers;
import org.mockito.Mockito;

/**
 * The worker's decisions for a job, with every collaborator replaced: what completes it, what fails it at once (bad
 * media, a permanent engine error) and what is recorded and thrown back so the broker redelivers it, until the last
 * attempt fails the job.
 */
class CloneJobProcessorTest {

    private static final String NODE = "node-1";
    private static final PcmAudio REFERENCE = new PcmAudio(new float[24_000 * 3], PcmAudio.MODEL_RATE);
    private static final SpeakerConditioning CONDITIONING = new SpeakerConditioning("fake", "1", new byte[] {1, 2, 3});

    private final CloneJobProcessor processor = new CloneJobProcessor();
    private final VoiceEngine engine = mock(VoiceEngine.class);
    private VoiceCloneJob job;
    /** What the processor registered for the end of the message's transaction. */
    private final List<Synchronization> transactionEnd = new ArrayList<>();
    private final JobLeases.HeldJob held = mock(JobLeases.HeldJob.class);

    @BeforeEach
    void collaborators() {
        processor.lifecycle = mock(JobLifecycle.class);
        processor.engines = mock(VoiceEngines.class);
        processor.audio = mock(AudioPipeline.class);
        processor.assets = mock(AssetStore.class);
        processor.referenceAudio = mock(ReferenceAudio.class);
        processor.voices = mock(VoiceService.class);
        processor.identity = mock(WorkerIdentity.class);
        processor.faults = mock(FaultInjection.class);
        processor.maxAttempts = 3;
        processor.consents = mock(ConsentVerification.class);
        processor.audit = mock(AuditTrail.class);
        processor.watermarks = mock(Watermarks.class);
        processor.leases = mock(JobLeases.class);
        when(processor.leases.hold(any(), any())).thenReturn(held);
        TransactionSynchronizationRegistry transaction = mock(TransactionSynchronizationRegistry.class);
        when(transaction.getTransactionKey()).thenReturn("the message's transaction");
        doAnswer(i -> transactionEnd.add(i.getArgument(0))).when(transaction).registerInterposedSynchronization(any());
        ManagedExecutorService executor = mock(ManagedExecutorService.class);
        doAnswer(i -> {
            i.<Runnable>getArgument(0).run();
            return null;
        }).when(executor).execute(any());
        processor.afterRollback = new AfterRollback(transaction, executor);

        when(processor.engines.active()).thenReturn(engine);
        when(engine.id()).thenReturn("fake");
        when(engine.describe()).thenReturn(new EngineDescriptor("fake", "fake", "test", "none", "CPU", "cpu"));
        when(processor.identity.nodeName()).thenReturn(NODE);
        when(processor.identity.workerInfo(any())).thenReturn("{}");
        when(processor.assets.open(any())).thenAnswer(i -> new ByteArrayInputStream(new byte[16]));
        when(processor.audio.normalizeReference(any(), any()))
                .thenReturn(new NormalizedAudio(REFERENCE, 0, 0, -23, 0, -23, -3));
        when(processor.referenceAudio.storeWav(any(), any(), any())).thenAnswer(i -> asset(i.getArgument(1)));
        when(processor.referenceAudio.storeMp3(any(), any(), any())).thenAnswer(i -> asset(i.getArgument(1)));

        when(processor.consents.forNewVoice(any(), any())).thenReturn(CONSENTED);

        job = new VoiceCloneJob(UUID.randomUUID(), "Ada", "Hello there.", VoiceSettings.defaults(), UUID.randomUUID());
    }

    private static final ConsentVerification.Verdict CONSENTED =
            new ConsentVerification.Verdict(true, true, null, Optional.empty(), "i consent", 0.1);

    /** The attempt's transaction rolled back. */
    private void rolledBack() {
        transactionEnd.forEach(end -> end.afterCompletion(Status.STATUS_ROLLEDBACK));
    }

    /** The job as the lifecycle hands it over at the start of attempt {@code attempt}. */
    private void startedAs(int attempt) {
        for (int i = 0; i < attempt; i++) {
            job.start("{}");
        }
        when(processor.lifecycle.start(eq(job.getId()), anyString(), eq(NODE))).thenReturn(Optional.of(job));
        when(processor.lifecycle.holdsOutcome(job.getId(), job.getRuns(), attempt)).thenReturn(true);
    }

    @Test
    void aJobThatCannotStartForWantOfTheDatabaseWaitsWithoutUsingAnAttempt() {
        when(processor.lifecycle.start(any(), anyString(), anyString()))
                .thenThrow(new EJBException(new PersistenceException(new SQLException("Connection refused", "08001"))));

        assertEquals(CloneJobProcessor.Outcome.DATABASE_AWAY, processor.process(job.getId()));

        verify(processor.lifecycle, never()).attemptFailed(any(), anyInt(), any(), any());
        verify(processor.lifecycle, never()).failAfterLastAttempt(any(), any(), any());
        verifyNoInteractions(processor.audio, processor.voices, processor.leases);
    }

    @Test
    void anyOtherFailureToStartIsThrownForTheBrokersRedelivery() {
        when(processor.lifecycle.start(any(), anyString(), anyString())).thenThrow(new EJBException(new IllegalStateException("bug")));

        assertThrows(EJBException.class, () -> processor.process(job.getId()));
    }

    @Test
    void aFinishedOrMissingJobIsNotWorkedOn() {
        when(processor.lifecycle.start(any(), anyString(), anyString())).thenReturn(Optional.empty());

        processor.process(job.getId());

        verifyNoInteractions(processor.audio, processor.voices, processor.leases);
        verify(engine, never()).enroll(anyList());
    }

    @Test
    void aCloneEnrolsSpeaksStoresAndCompletesInTheMessagesTransaction() {
        startedAs(1);
        PcmAudio speech = new PcmAudio(new float[2400], PcmAudio.MODEL_RATE);
        when(engine.enroll(List.of(REFERENCE))).thenReturn(CONDITIONING);
        when(engine.synthesizeAll(CONDITIONING, "Hello there.", job.getSettings())).thenReturn(speech);
        VoiceProfile voice = mock(VoiceProfile.class);
        when(voice.getVoiceId()).thenReturn("voice_1");
        when(processor.voices.create(any(), eq(CONDITIONING), any(), any(), eq(REFERENCE.durationMillis()))).thenReturn(voice);
        PcmAudio marked = new PcmAudio(new float[2400], PcmAudio.MODEL_RATE);
        ArgumentCaptor<AuditEvent> recorded = ArgumentCaptor.forClass(AuditEvent.class);
        when(processor.watermarks.markRecorded(eq(speech), recorded.capture())).thenReturn(marked);

        processor.process(job.getId());

        ArgumentCaptor<NewVoice> created = ArgumentCaptor.forClass(NewVoice.class);
        verify(processor.voices).create(created.capture(), eq(CONDITIONING), any(), any(), eq(REFERENCE.durationMillis()));
        assertSame(job.getUploadAssetId(), created.getValue().uploadAssetId());
        // The rendering kept is the watermarked one, recorded as a synthesis of the test sentence with the new voice.
        verify(processor.referenceAudio).storeMp3(job.getUserId(), AssetKind.RENDERING, marked);
        assertEquals("synthesis", recorded.getValue().getAction());
        assertEquals("voice_1", recorded.getValue().getVoiceId());
        assertEquals(com.voxclone.platform.entity.Digests.sha256Hex("Hello there."), recorded.getValue().getTextSha256());
        // Under lease while it is worked on: the node renews it until the work is done.
        var order = inOrder(processor.leases, processor.lifecycle, held);
        order.verify(processor.leases).hold(job, NODE);
        order.verify(processor.lifecycle).holdsOutcome(job.getId(), 1, 1);
        order.verify(processor.lifecycle).complete(eq(job.getId()), eq("voice_1"), any(), eq(NODE));
        order.verify(held).release();
        verify(processor.lifecycle, never()).attemptFailed(any(), anyInt(), any(), any());
    }

    @Test
    void anAttemptThatNoLongerHoldsTheJobStoresNothingAndLetsItsMessageGo() {
        startedAs(1);
        when(engine.enroll(List.of(REFERENCE))).thenReturn(CONDITIONING);
        // Stopped at its time limit while the engine worked (or handed back): the attempt's result is not the job's.
        when(processor.lifecycle.holdsOutcome(job.getId(), 1, 1)).thenReturn(false);

        assertEquals(CloneJobProcessor.Outcome.DONE, processor.process(job.getId()));

        verifyNoInteractions(processor.voices, processor.referenceAudio, processor.watermarks);
        verify(processor.lifecycle, never()).complete(any(), any(), any(), any());
        verify(processor.lifecycle, never()).fail(any(), any(), any());
        verify(processor.lifecycle, never()).attemptFailed(any(), anyInt(), any(), any());
        verify(held).release();
    }

    @Test
    void anAttemptStoppedAtItsTimeLimitThatThenFailsIsNotTriedAgain() {
        startedAs(1);
        // Stopped while the engine worked; the interrupt made the engine give up.
        when(engine.enroll(anyList())).thenThrow(new EngineException("interrupted while waiting for the device", true));
        when(held.stopped()).thenReturn(true);

        assertEquals(CloneJobProcessor.Outcome.DONE, processor.process(job.getId()));

        rolledBack();
        verify(processor.lifecycle, never()).attemptFailed(any(), anyInt(), any(), any());
        verify(processor.lifecycle, never()).failAfterLastAttempt(any(), any(), any());
        verify(held).release();
    }

    @Test
    void aRefusedConsentFailsTheJobWithItsReasonBeforeAnyVoiceIsLearnt() {
        startedAs(1);
        var refused = new ConsentVerification.Verdict(false, true, "its voice does not match", Optional.empty(), "i consent", 0.9);
        when(processor.consents.forNewVoice(job.getId(), REFERENCE)).thenReturn(refused);

        processor.process(job.getId());

        verify(processor.lifecycle).fail(job.getId(), "its voice does not match", NODE);
        verify(processor.consents).record(refused, null);
        verify(engine, never()).enroll(anyList());
        verifyNoInteractions(processor.voices);
    }

    @Test
    void aConsentThatHoldsIsRecordedWithTheNewVoice() {
        aCloneEnrolsSpeaksStoresAndCompletesInTheMessagesTransaction();
        verify(processor.consents).record(CONSENTED, "voice_1");
    }

    @Test
    void badMediaFailsTheJobAtOnceWithoutRedelivery() {
        startedAs(1);
        MediaRejectedException rejected = MediaRejectedException.unsupportedType();
        when(processor.audio.normalizeReference(any(), any())).thenThrow(rejected);

        processor.process(job.getId());

        verify(processor.lifecycle).fail(job.getId(), rejected.getMessage(), NODE);
        verify(processor.lifecycle, never()).attemptFailed(any(), anyInt(), any(), any());
        verify(held).release();
    }

    @Test
    void aPermanentEngineErrorFailsTheJobAtOnce() {
        startedAs(1);
        when(engine.enroll(anyList())).thenThrow(new EngineException("no voice in this recording", false));

        processor.process(job.getId());

        verify(processor.lifecycle).fail(job.getId(), "The voice engine could not clone this recording: no voice in this recording", NODE);
        verify(processor.lifecycle, never()).attemptFailed(any(), anyInt(), any(), any());
    }

    @Test
    void aPassingEngineErrorIsRecordedAndThrownBackForRedelivery() {
        startedAs(1);
        EngineException outOfMemory = new EngineException("device out of memory", true);
        when(engine.enroll(anyList())).thenThrow(outOfMemory);

        EngineException thrown = assertThrows(EngineException.class, () -> processor.process(job.getId()));

        assertSame(outOfMemory, thrown);
        rolledBack();
        verify(processor.lifecycle).attemptFailed(job.getId(), 1, "device out of memory", NODE);
        verify(processor.lifecycle, never()).fail(any(), any(), any());
        verify(processor.lifecycle, never()).complete(any(), any(), any(), any());
        verify(held).release();
    }

    @Test
    void aFailedAttemptIsRecordedOnlyOnceItsTransactionHasRolledBack() {
        // Completing locks the job's row in the attempt's transaction; recording the failure in a transaction of its
        // own before that one ends would wait for the lock on the same thread for ever.
        startedAs(1);
        when(engine.enroll(List.of(REFERENCE))).thenReturn(CONDITIONING);
        VoiceProfile voice = mock(VoiceProfile.class);
        when(voice.getVoiceId()).thenReturn("voice_1");
        when(processor.voices.create(any(), eq(CONDITIONING), any(), any(), eq(REFERENCE.durationMillis()))).thenReturn(voice);
        var broker = new EJBException(new jakarta.jms.JMSRuntimeException("Failed to create session factory"));
        Mockito.doThrow(broker).when(processor.lifecycle).complete(any(), any(), any(), any());

        assertThrows(EJBException.class, () -> processor.process(job.getId()));

        verify(processor.lifecycle, never()).attemptFailed(any(), anyInt(), any(), any());
        rolledBack();
        verify(processor.lifecycle).attemptFailed(job.getId(), 1, "the message broker could not be reached", NODE);
    }

    @Test
    void theLastAttemptFailsTheJobNamingAnIncidentNotTheErrorsText() {
        startedAs(3);
        when(engine.enroll(anyList())).thenThrow(new EJBException(new IllegalStateException("database went away")));

        assertThrows(EJBException.class, () -> processor.process(job.getId()));

        // The user reads that it was an internal error, with an incident id for the log; not the exception's text.
        rolledBack();
        ArgumentCaptor<String> reason = ArgumentCaptor.forClass(String.class);
        verify(processor.lifecycle).failAfterLastAttempt(eq(job.getId()), reason.capture(), eq(NODE));
        assertTrue(reason.getValue().matches("Processing failed after 3 attempts\\. Last error: an internal error \\(incident "
                + "[0-9a-f-]{36}; an administrator finds the details in the server log\\)"), reason.getValue());
        verify(processor.lifecycle, never()).attemptFailed(any(), anyInt(), any(), any());
    }

    @Test
    void anUnexpectedErrorIsATransientFailureToldAsAnIncident() {
        startedAs(1);
        Mockito.doThrow(new IllegalStateException("Index 308 out of bounds")).when(processor.faults).beforeProcessing(job);

        assertThrows(IllegalStateException.class, () -> processor.process(job.getId()));

        rolledBack();
        ArgumentCaptor<String> reason = ArgumentCaptor.forClass(String.class);
        verify(processor.lifecycle).attemptFailed(eq(job.getId()), eq(1), reason.capture(), eq(NODE));
        assertTrue(reason.getValue().startsWith("an internal error (incident "), reason.getValue());
        verifyNoInteractions(processor.audio);
    }

    @Test
    void anAttemptEndedByTheDatabaseGoingAwayIsToldSo() {
        startedAs(1);
        Mockito.doThrow(new EJBException(new PersistenceException(new SQLException("I/O error", "08006"))))
                .when(processor.faults).beforeProcessing(job);

        assertThrows(EJBException.class, () -> processor.process(job.getId()));

        rolledBack();
        verify(processor.lifecycle).attemptFailed(job.getId(), 1, "the database could not be reached", NODE);
    }

    @Test
    void enrollingAVoiceThatWasDeletedMeanwhileFailsTheJob() {
        job = VoiceCloneJob.forVoice(UUID.randomUUID(), "voice_gone", "Ada", VoiceSettings.defaults(), null);
        startedAs(1);
        when(processor.voices.byVoiceId("voice_gone")).thenReturn(Optional.empty());

        processor.process(job.getId());

        verify(processor.lifecycle).fail(job.getId(), "The voice voice_gone was deleted before its samples could be enrolled.", NODE);
        verify(engine, never()).enroll(anyList());
    }

    @Test
    void enrollingAgainUsesEverySampleAndReplacesTheConditioning() {
        job = VoiceCloneJob.forVoice(UUID.randomUUID(), "voice_1", "Ada", VoiceSettings.defaults(), null);
        startedAs(1);
        VoiceProfile voice = mock(VoiceProfile.class);
        UUID profileId = UUID.randomUUID();
        when(voice.getId()).thenReturn(profileId);
        when(processor.voices.byVoiceId("voice_1")).thenReturn(Optional.of(voice));
        var first = new VoiceSample(profileId, UUID.randomUUID(), UUID.randomUUID(), 3000);
        var second = new VoiceSample(profileId, UUID.randomUUID(), UUID.randomUUID(), 3000);
        when(processor.voices.samples(profileId)).thenReturn(List.of(first, second));
        when(processor.referenceAudio.readWav(any())).thenReturn(REFERENCE);
        when(engine.enroll(List.of(REFERENCE, REFERENCE))).thenReturn(CONDITIONING);

        processor.process(job.getId());

        verify(processor.voices).replaceConditioning("voice_1", CONDITIONING);
        verify(processor.lifecycle).complete(eq(job.getId()), eq("voice_1"), isNull(), eq(NODE));
        verify(processor.voices, never()).addSample(any(), any(), any(), ArgumentMatchers.anyLong());
    }

    private static StoredAsset asset(AssetKind kind) {
        return new StoredAsset(UUID.randomUUID(), UUID.randomUUID(), kind, "audio/wav", 1, "x", 1L, 24_000, null);
    }
}
