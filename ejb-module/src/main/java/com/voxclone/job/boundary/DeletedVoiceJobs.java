package com.voxclone.job.boundary;

import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.voice.entity.VoiceDeleted;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Objects;
import java.util.stream.Stream;

/** When a voice is deleted, the recordings uploaded for its clone jobs and their test audio go with it. */
@Stateless
public class DeletedVoiceJobs {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    AssetStore assets;

    /** Runs in the deleting transaction: the voice and its jobs' audio go together, or neither does. */
    public void deleteAudioOf(@Observes VoiceDeleted deleted) {
        em.createNamedQuery(VoiceCloneJob.OF_VOICE, VoiceCloneJob.class)
                .setParameter("voiceId", deleted.voiceId()).getResultStream()
                .flatMap(j -> Stream.of(j.getResultAssetId(), j.getUploadAssetId()))
                .filter(Objects::nonNull).distinct().forEach(assets::delete);
    }
}
