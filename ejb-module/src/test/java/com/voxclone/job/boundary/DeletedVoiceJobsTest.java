package com.voxclone.job.boundary;

import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.voice.entity.VoiceDeleted;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A deleted voice's clone jobs lose the audio they kept for it: each upload and test rendering once. */
class DeletedVoiceJobsTest {

    @Test
    @SuppressWarnings("unchecked")
    void theUploadsAndTestAudioOfTheVoicesJobsAreDeletedOnce() {
        DeletedVoiceJobs jobs = new DeletedVoiceJobs();
        jobs.em = mock(EntityManager.class);
        jobs.assets = mock(AssetStore.class);
        UUID user = UUID.randomUUID();
        UUID upload = UUID.randomUUID();
        UUID rendering = UUID.randomUUID();
        VoiceCloneJob clone = new VoiceCloneJob(user, "Ada", "Hi.", VoiceSettings.defaults(), upload);
        clone.start("{}");
        clone.complete("voice_1", rendering);
        VoiceCloneJob reenrol = VoiceCloneJob.forVoice(user, "voice_1", "Ada", VoiceSettings.defaults(), null);
        VoiceCloneJob sameUpload = VoiceCloneJob.forVoice(user, "voice_1", "Ada", VoiceSettings.defaults(), upload);
        TypedQuery<VoiceCloneJob> query = mock(TypedQuery.class, RETURNS_SELF);
        when(query.getResultStream()).thenAnswer(i -> Stream.of(clone, reenrol, sameUpload));
        when(jobs.em.createNamedQuery(VoiceCloneJob.OF_VOICE, VoiceCloneJob.class)).thenReturn(query);

        jobs.deleteAudioOf(new VoiceDeleted(user, "voice_1"));

        verify(query).setParameter("voiceId", "voice_1");
        verify(jobs.assets, times(1)).delete(upload);
        verify(jobs.assets, times(1)).delete(rendering);
        verifyNoMoreInteractions(jobs.assets);
    }
}
