package com.voxclone.speech.boundary;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.boundary.JobLeases;
import com.voxclone.job.boundary.JobLifecycle;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.speech.control.SpeechRequests;
import com.voxclone.speech.entity.SpeechParameters;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.StoredAsset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A speech job stores its audio and completes, unless it was stopped at its time limit while it spoke. */
class SpeechJobsTest {

    private final SpeechJobs jobs = new SpeechJobs();
    private final JobLeases.HeldJob held = mock(JobLeases.HeldJob.class);
    private final UUID owner = UUID.randomUUID();
    private VoiceCloneJob job;

    @BeforeEach
    void collaborators() throws Exception {
        jobs.lifecycle = mock(JobLifecycle.class);
        jobs.files = mock(SpokenFiles.class);
        jobs.assets = mock(AssetStore.class);
        jobs.requests = mock(SpeechRequests.class);
        jobs.leases = mock(JobLeases.class);
        jobs.nodeName = "web-1";
        job = VoiceCloneJob.forSpeech(owner, "voice_1", "Ada", VoiceSettings.defaults(), "{}");
        job.start("{}");
        when(jobs.lifecycle.start(eq(job.getId()), anyString(), eq("web-1"))).thenReturn(Optional.of(job));
        when(jobs.leases.hold(job, "web-1")).thenReturn(held);
        when(jobs.requests.stored(any())).thenReturn(new SpeechParameters("tts-1", "Hello.", "voice_1", null, 1.0, null,
                false, false, Map.of()));
        Path file = Files.createTempFile("speech-job-test", ".mp3");
        Files.write(file, new byte[] {1, 2, 3});
        when(jobs.files.speak(eq(owner), eq("voice_1"), any(), any(), any(), any(), any()))
                .thenReturn(new SpokenFiles.Spoken(file, "audio/mpeg", 1000));
    }

    @Test
    void theSpokenAudioIsStoredAndTheJobCompleted() {
        UUID asset = UUID.randomUUID();
        when(jobs.assets.store(eq(owner), eq(AssetKind.RENDERING), eq("audio/mpeg"), any(), any()))
                .thenReturn(new StoredAsset(asset, owner, AssetKind.RENDERING, "audio/mpeg", 3, "", 1000L, 24_000, OffsetDateTime.now()));

        jobs.run(job.getId());

        verify(jobs.lifecycle).complete(job.getId(), "voice_1", asset, "web-1");
        verify(held).release();
    }

    @Test
    void aJobStoppedAtItsTimeLimitWhileItSpokeStoresNothing() {
        when(held.stopped()).thenReturn(true);

        jobs.run(job.getId());

        verifyNoInteractions(jobs.assets);
        verify(jobs.lifecycle, never()).complete(any(), any(), any(), any());
        verify(jobs.lifecycle, never()).fail(any(), any(), any());
        verify(held).release();
    }
}
