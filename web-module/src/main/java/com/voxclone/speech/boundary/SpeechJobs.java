package com.voxclone.speech.boundary;

import com.voxclone.audit.entity.WayIn;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.boundary.JobLeases;
import com.voxclone.job.boundary.JobLifecycle;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.JobLogContext;
import com.voxclone.speech.control.SpeechRequests;
import com.voxclone.speech.entity.SpeechParameters;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.storage.entity.StoredAsset;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Speaks a speech job: its text in pieces over the synthesis queue (as a streamed request would), into one file in the
 * requested format, stored as the job's result. Progress is announced after every piece. Outside any transaction: each
 * status change commits on its own, and the audio is never held whole in memory.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SpeechJobs {

    private static final Logger LOG = Logger.getLogger(SpeechJobs.class.getName());

    @Inject
    JobLifecycle lifecycle;

    @Inject
    SpokenFiles files;

    @Inject
    AssetStore assets;

    @Inject
    @ConfigProperty(name = "voxclone.node.name", defaultValue = "web")
    String nodeName;

    @Inject
    SpeechRequests requests;

    @Inject
    JobLeases leases;

    public void run(UUID jobId) {
        try (var log = JobLogContext.enter(jobId, null)) {
            speakJob(jobId);
        }
    }

    private void speakJob(UUID jobId) {
        String info = Json.createObjectBuilder().add("node", nodeName).add("engine", "pieces over the synthesis queue")
                .build().toString();
        Optional<VoiceCloneJob> started = lifecycle.start(jobId, info, nodeName);
        if (started.isEmpty()) {
            return;
        }
        VoiceCloneJob job = started.get();
        JobLogContext.owner(jobId, job.getUserId());
        JobLeases.HeldJob held = leases.hold(job, nodeName);
        try {
            speak(job, held).ifPresent(result -> lifecycle.complete(jobId, job.getTargetVoiceId(), result, nodeName));
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.INFO, "Speech job " + jobId + " failed", e);
            lifecycle.fail(jobId, "The text could not be spoken: " + e.getMessage(), nodeName);
        } finally {
            held.release();
        }
    }

    /** The stored speech, or empty when the job was stopped at its time limit meanwhile (nothing is stored then). */
    private Optional<UUID> speak(VoiceCloneJob job, JobLeases.HeldJob held) throws IOException {
        SpeechParameters request = requests.stored(job.getSpeechRequest());
        VoiceSettings settings = VoiceSettings.parse(request.settings(), job.getSettings()).settings();
        SpokenFiles.Spoken spoken = files.speak(job.getUserId(), job.getTargetVoiceId(), job.getModel(), request, settings, WayIn.JOB,
                percent -> {
                    held.progressed();
                    lifecycle.progress(job.getId(), percent);
                });
        try (InputStream in = Files.newInputStream(spoken.file())) {
            if (held.stopped()) {
                // The job has failed for its time limit; audio stored now would belong to nothing, yet count as the user's.
                LOG.info(() -> "Speech job " + job.getId() + " finished after it was stopped at its time limit; its audio is discarded.");
                return Optional.empty();
            }
            StoredAsset stored = assets.store(job.getUserId(), AssetKind.RENDERING, spoken.contentType(), in,
                    new AudioFacts(spoken.durationMillis(), PcmAudio.MODEL_RATE));
            return Optional.of(stored.id());
        } finally {
            spoken.close();
        }
    }
}
