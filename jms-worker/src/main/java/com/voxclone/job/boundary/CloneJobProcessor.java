package com.voxclone.job.boundary;

import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.boundary.MediaRejectedException;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.audit.boundary.AuditTrail;
import com.voxclone.audit.entity.AuditEvent;
import com.voxclone.audit.entity.WayIn;
import com.voxclone.consent.boundary.ConsentVerification;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.boundary.VoiceEngine;
import com.voxclone.engine.boundary.VoiceEngines;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.job.control.FaultInjection;
import com.voxclone.job.control.JobMessages;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.messaging.entity.JobMessage;
import com.voxclone.platform.boundary.AfterRollback;
import com.voxclone.platform.boundary.JobLogContext;
import com.voxclone.platform.boundary.ServiceOutage;
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
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a pending clone job into a voice: normalise the upload, check the consent for it, enrol it with the active
 * engine, speak the test text, then store everything and complete the job in the caller's (the message's) transaction.
 *
 * <p>All the work that can fail runs before anything is written, so a failure leaves nothing half-stored.
 * Bad media and permanent engine errors fail the job at once; anything else is recorded on the job and thrown,
 * which rolls the message back for another attempt (the broker redelivers with backoff). On the last attempt
 * the job is failed with the reason, and the broker moves the message to the dead-letter queue, where
 * administrators can inspect, requeue or purge it.
 */
@Stateless
public class CloneJobProcessor {

    private static final Logger LOG = Logger.getLogger(CloneJobProcessor.class.getName());

    @Inject
    JobLifecycle lifecycle;

    @Inject
    VoiceEngines engines;

    @Inject
    AudioPipeline audio;

    @Inject
    AssetStore assets;

    @Inject
    ReferenceAudio referenceAudio;

    @Inject
    VoiceService voices;

    @Inject
    WorkerIdentity identity;

    @Inject
    FaultInjection faults;

    @Inject
    ConsentVerification consents;

    @Inject
    AuditTrail audit;

    @Inject
    Watermarks watermarks;

    @Inject
    JobLeases leases;

    @Inject
    JobMessages messages;

    @Inject
    AfterRollback afterRollback;

    /** How long a job waits before its next try while the database cannot be reached. */
    @Inject
    @ConfigProperty(name = "voxclone.jobs.database-retry-seconds", defaultValue = "10")
    long databaseRetrySeconds;

    /**
     * Attempts a job gets; must equal the broker's delivery limit for the jobs queue, after which the broker moves
     * the message to the dead-letter queue. The launcher sets both from {@code VOXCLONE_JOB_MAX_ATTEMPTS}.
     */
    @Inject
    @ConfigProperty(name = "voxclone.jobs.max-attempts", defaultValue = "3")
    int maxAttempts;

    /** What became of a job's message. */
    public enum Outcome {
        /** Worked on (completed, failed, or thrown back for another attempt), or already finished. */
        DONE,
        /** The message names no job: nothing to run. */
        NO_SUCH_JOB,
        /** The database could not be reached to start the job: not an attempt of the job's; it must wait. */
        DATABASE_AWAY
    }

    /**
     * Runs the job, unless it is already finished (a repeated message).
     */
    public Outcome process(UUID jobId) {
        VoiceEngine engine = engines.active();
        String node = identity.nodeName();
        Optional<VoiceCloneJob> started;
        try {
            started = lifecycle.start(jobId, identity.workerInfo(engine.describe()), node);
        } catch (RuntimeException e) {
            // Rolling the message back would use up one of the job's attempts on every delivery while the database is
            // away, and a job waiting in the queue would end in the dead-letter queue, still pending, for good.
            if (ServiceOutage.databaseAway(e)) {
                return Outcome.DATABASE_AWAY;
            }
            throw e;
        }
        if (started.isEmpty()) {
            // Only now, on this rare path, is it worth asking which of the two it was.
            return lifecycle.exists(jobId) ? Outcome.DONE : Outcome.NO_SUCH_JOB;
        }
        VoiceCloneJob job = started.get();
        JobLogContext.owner(jobId, job.getUserId());
        AfterRollback.OnRollback onRollback = afterRollback.reserve("record the failed attempt of job " + jobId);
        JobLeases.HeldJob held = leases.hold(job, node);
        try {
            faults.beforeProcessing(job);
            if (job.getTargetVoiceId() != null) {
                enrolAgain(job, engine, node);
                return Outcome.DONE;
            }
            PcmAudio reference = normalizedUpload(job);
            ConsentVerification.Verdict consent = consents.forNewVoice(jobId, reference);
            if (consent.blocks()) {
                consents.record(consent, null);
                lifecycle.fail(jobId, consent.reason(), node);
                return Outcome.DONE;
            }
            SpeakerConditioning conditioning = engine.enroll(List.of(reference));
            PcmAudio testSpeech = job.getTestText() == null ? null
                    : engine.synthesizeAll(conditioning, job.getTestText(), job.getSettings());
            if (!holdsOutcome(job)) {
                return Outcome.DONE;
            }

            StoredAsset wav = referenceAudio.storeWav(job.getUserId(), AssetKind.REFERENCE, reference);
            StoredAsset mp3 = referenceAudio.storeMp3(job.getUserId(), AssetKind.REFERENCE_MP3, reference);
            VoiceProfile voice = voices.create(new NewVoice(job.getUserId(), job.getVoiceName(), job.getSettings(), job.getUploadAssetId()), conditioning, wav.id(), mp3.id(), reference.durationMillis());
            consents.record(consent, voice.getVoiceId());
            audit.record("voice.created", WayIn.JOB, job.getUserId(), job.getUserId(), voice.getVoiceId(),
                    "job " + jobId + ", engine " + engine.id());
            UUID result = testSpeech == null ? null : referenceAudio.storeMp3(job.getUserId(), AssetKind.RENDERING,
                    watermarks.markRecorded(testSpeech, new AuditEvent("synthesis", WayIn.JOB, job.getUserId(), job.getUserId(),
                            voice.getVoiceId(), job.getTestText(), "test sentence of job " + jobId))).id();
            lifecycle.complete(jobId, voice.getVoiceId(), result, node);
            faults.beforeCommit(job);
            LOG.info(() -> "Job " + jobId + " completed: voice " + voice.getVoiceId() + " (" + engine.id() + ")");
        } catch (MediaRejectedException e) {
            lifecycle.fail(jobId, e.getMessage(), node);
        } catch (EngineException e) {
            if (e.retryable()) {
                return tryAgain(job, e, node, onRollback, held);
            }
            lifecycle.fail(jobId, "The voice engine could not clone this recording: " + e.getMessage(), node);
        } catch (RuntimeException e) {
            return tryAgain(job, e, node, onRollback, held);
        } finally {
            held.release();
        }
        return Outcome.DONE;
    }

    /**
     * Puts the job's message back on the queue for a later delivery, in the message's transaction: the job waits for
     * the database without using up an attempt, however long the database is away.
     */
    public void waitForDatabase(JobMessage message) {
        LOG.warning(() -> "Job " + message.jobId() + " waits: the database cannot be reached; it is delivered again in "
                + databaseRetrySeconds + " s.");
        messages.sendLater(message, databaseRetrySeconds * 1000);
    }

    /**
     * A job on an existing voice: normalise the added recording (if any), enrol the voice from all its samples, then
     * store the new sample and the new conditioning and complete the job, all in the message's transaction.
     */
    private void enrolAgain(VoiceCloneJob job, VoiceEngine engine, String node) {
        String voiceId = job.getTargetVoiceId();
        VoiceProfile voice = voices.byVoiceId(voiceId).orElse(null);
        if (voice == null) {
            lifecycle.fail(job.getId(), "The voice " + voiceId + " was deleted before its samples could be enrolled.", node);
            return;
        }
        List<PcmAudio> references = new ArrayList<>(voices.samples(voice.getId()).stream()
                .map(VoiceSample::getReferenceAssetId).filter(Objects::nonNull)
                .map(referenceAudio::readWav).toList());
        PcmAudio added = job.getUploadAssetId() == null ? null : normalizedUpload(job);
        if (added != null) {
            ConsentVerification.Verdict sameSpeaker = consents.forAddedSample(references, added);
            if (sameSpeaker.blocks()) {
                lifecycle.fail(job.getId(), sameSpeaker.reason(), node);
                return;
            }
            references.add(added);
        }
        if (references.isEmpty()) {
            lifecycle.fail(job.getId(), "The voice " + voiceId + " has no samples left to enrol from.", node);
            return;
        }
        SpeakerConditioning conditioning = engine.enroll(references);
        if (!holdsOutcome(job)) {
            return;
        }
        if (added != null) {
            StoredAsset wav = referenceAudio.storeWav(job.getUserId(), AssetKind.REFERENCE, added);
            voices.addSample(voiceId, job.getUploadAssetId(), wav.id(), added.durationMillis());
        }
        voices.replaceConditioning(voiceId, conditioning);
        audit.record(added != null ? "voice.sample-added" : "voice.re-enrolled", WayIn.JOB, job.getUserId(), job.getUserId(),
                voiceId, "job " + job.getId() + ", " + references.size() + " samples, engine " + engine.id());
        lifecycle.complete(job.getId(), voiceId, null, node);
        LOG.info(() -> "Job " + job.getId() + " enrolled voice " + voiceId + " from " + references.size() + " samples (" + engine.id() + ")");
    }

    /**
     * Whether this attempt may still write the job's outcome (locking the job for it); if not (it was stopped at its
     * time limit, or handed back and maybe taken again meanwhile), its work is dropped and the message acknowledged:
     * the job is finished, or another message carries it.
     */
    private boolean holdsOutcome(VoiceCloneJob job) {
        if (lifecycle.holdsOutcome(job.getId(), job.getRuns(), job.getAttempts())) {
            return true;
        }
        LOG.warning(() -> "Job " + job.getId() + ": attempt " + job.getAttempts() + " ended after the job was taken from it "
                + "(stopped at its time limit, or handed back); its result is discarded.");
        return false;
    }

    /**
     * Throws the attempt's error back for another attempt, unless the attempt was stopped at its time limit: then the
     * error is most likely the interrupt that stopped it, and the job has already failed with the reason.
     */
    private Outcome tryAgain(VoiceCloneJob job, RuntimeException e, String node, AfterRollback.OnRollback onRollback,
            JobLeases.HeldJob held) {
        if (held.stopped()) {
            LOG.info(() -> "Job " + job.getId() + ": attempt " + job.getAttempts() + ", stopped at its time limit, ended with: " + e);
            return Outcome.DONE;
        }
        throw retry(job, e, node, onRollback);
    }

    /**
     * Records the failed attempt (failing the job on the last one) once the attempt has rolled back, and hands back
     * the error to roll back with.
     */
    private RuntimeException retry(VoiceCloneJob job, RuntimeException e, String node, AfterRollback.OnRollback onRollback) {
        UUID jobId = job.getId();
        int attempt = job.getAttempts();
        Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
        // An engine's passing trouble (and a drill's injected fault) is told in its words; anything else is a fault whose
        // text is not for users: they get an incident id, the log gets the details under it.
        String reason;
        Optional<String> away = ServiceOutage.of(cause);
        if ((cause instanceof EngineException || cause instanceof FaultInjection.InjectedFault) && cause.getMessage() != null) {
            reason = cause.getMessage();
        } else if (away.isPresent()) {
            reason = "the " + away.get() + " could not be reached";
        } else {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.WARNING, "Job " + jobId + " attempt " + attempt + ": unexpected error, incident " + incident, cause);
            reason = "an internal error (incident " + incident + "; an administrator finds the details in the server log)";
        }
        Runnable record;
        if (attempt >= maxAttempts) {
            LOG.warning(() -> "Job " + jobId + " failed on its last attempt (" + attempt + "): " + reason);
            String failure = "Processing failed after " + attempt + " attempts. Last error: " + reason;
            record = () -> lifecycle.failAfterLastAttempt(jobId, failure, node);
        } else {
            LOG.warning(() -> "Job " + jobId + " attempt " + attempt + " failed, will be retried: " + reason);
            record = () -> lifecycle.attemptFailed(jobId, attempt, reason, node);
        }
        // Recorded once the attempt has rolled back: completing the job locks its row in the attempt's transaction.
        UUID userId = job.getUserId();
        onRollback.run(() -> {
            try (var log = JobLogContext.enter(jobId, userId)) {
                record.run();
            }
        });
        return e;
    }

    private PcmAudio normalizedUpload(VoiceCloneJob job) {
        if (job.getUploadAssetId() == null) {
            throw MediaRejectedException.missing();
        }
        Path copy = null;
        try (InputStream in = assets.open(job.getUploadAssetId())) {
            copy = Files.createTempFile("voxclone-upload-", ".media");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return audio.normalizeReference(copy, job.segment()).audio();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded recording", e);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; the OS cleans up eventually
            }
        }
    }
}
