package com.voxclone.voice.boundary;

import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.boundary.InvalidInputException;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.voice.entity.NewVoice;
import com.voxclone.voice.entity.VoiceDeleted;
import com.voxclone.audit.boundary.AuditTrail;
import com.voxclone.audit.entity.WayIn;
import com.voxclone.voice.entity.VoiceLimits;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.voice.entity.VoiceSample;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/** Voice profiles: creation from a finished clone job, lookup with ownership, deletion with all their audio. */
@Stateless
public class VoiceService {

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    AssetStore assets;

    @Inject
    Event<VoiceDeleted> deletions;

    @Inject
    AuditTrail audit;

    public VoiceProfile create(NewVoice voice, SpeakerConditioning conditioning, UUID referenceId, UUID referenceMp3Id,
                               long referenceMillis) {
        VoiceProfile profile = new VoiceProfile(voice.userId(), voice.voiceName(), voice.settings(), conditioning,
                referenceId, referenceMp3Id);
        em.persist(profile);
        em.persist(new VoiceSample(profile.getId(), voice.uploadAssetId(), referenceId, referenceMillis));
        return profile;
    }

    /** The voice if it exists and belongs to {@code userId} (admins see every voice). */
    public Optional<VoiceProfile> find(UUID userId, boolean admin, String voiceId) {
        return byVoiceId(voiceId).filter(v -> admin || v.getUserId().equals(userId));
    }

    /** The voice of {@code userId}; {@link VoiceNotFoundException} for any other (another user's voice included). */
    public VoiceProfile owned(UUID userId, String voiceId) {
        return find(userId, false, voiceId).orElseThrow(() -> new VoiceNotFoundException(voiceId));
    }

    /**
     * The voice of {@code userId}, able to speak or convert: the same checks for every way a request comes in.
     *
     * @throws VoiceNotFoundException when it is not the caller's voice
     * @throws VoiceInactiveException when it is deactivated
     */
    public VoiceProfile speakable(UUID userId, String voiceId) {
        VoiceProfile voice = owned(userId, voiceId);
        if (!voice.isActive()) {
            throw new VoiceInactiveException(voiceId);
        }
        return voice;
    }

    /**
     * Like {@link #speakable(UUID, String)}, for speaking {@code text}: one request to a worker, at most
     * {@value VoiceLimits#MAX_PIECE} characters (longer texts are split into such pieces before they reach a worker).
     *
     * @throws InvalidInputException when the text is missing or too long
     */
    public VoiceProfile speakable(UUID userId, String voiceId, String text) {
        VoiceProfile voice = speakable(userId, voiceId);
        var problems = VoiceLimits.checkText("text", text, true, VoiceLimits.MAX_PIECE);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return voice;
    }

    public Optional<VoiceProfile> byVoiceId(String voiceId) {
        return em.createNamedQuery(VoiceProfile.BY_VOICE_ID, VoiceProfile.class)
                .setParameter("voiceId", voiceId).getResultStream().findFirst();
    }

    public List<VoiceProfile> ofUser(UUID userId) {
        return em.createNamedQuery(VoiceProfile.OF_USER, VoiceProfile.class).setParameter("userId", userId).getResultList();
    }

    public List<VoiceSample> samples(UUID profileId) {
        return em.createNamedQuery(VoiceSample.OF_PROFILE, VoiceSample.class).setParameter("profileId", profileId).getResultList();
    }

    /** Adds a normalised recording to a voice (its conditioning is replaced separately). */
    public VoiceSample addSample(String voiceId, UUID uploadAssetId, UUID referenceAssetId, long referenceMillis) {
        VoiceProfile v = byVoiceId(voiceId).orElseThrow(() -> new VoiceNotFoundException(voiceId));
        VoiceSample sample = new VoiceSample(v.getId(), uploadAssetId, referenceAssetId, referenceMillis);
        em.persist(sample);
        return sample;
    }

    /**
     * Removes one sample of the caller's voice with its audio. The last sample cannot be removed: a voice needs one.
     *
     * @return false when there is no such sample of this user's voice
     */
    public boolean removeSample(UUID userId, String voiceId, UUID sampleId) {
        VoiceProfile v = owned(userId, voiceId);
        VoiceSample sample = em.find(VoiceSample.class, sampleId);
        if (sample == null || !sample.getVoiceProfileId().equals(v.getId())) {
            return false;
        }
        if (samples(v.getId()).size() <= 1) {
            throw new LastSampleException();
        }
        em.remove(sample);
        // The sample row refers to its audio: remove it before the audio.
        em.flush();
        Stream.of(sample.getUploadAssetId(), sample.getReferenceAssetId())
                .filter(Objects::nonNull).forEach(assets::delete);
        return true;
    }

    /** Removing the only sample of a voice would leave nothing to enrol it from. */
    @ApplicationException(rollback = true)
    public static class LastSampleException extends RuntimeException {
        public LastSampleException() {
            super("This is the voice's only sample; a voice needs at least one. Add another sample first, or delete the voice.");
        }
    }

    public void replaceConditioning(String voiceId, SpeakerConditioning conditioning) {
        byVoiceId(voiceId).ifPresent(v -> v.useConditioning(conditioning));
    }

    public VoiceProfile update(UUID userId, String voiceId, Optional<String> name, Optional<VoiceSettings> settings,
                               Optional<Boolean> active) {
        VoiceProfile v = owned(userId, voiceId);
        name.ifPresent(v::rename);
        settings.ifPresent(v::changeSettings);
        active.ifPresent(v::setActive);
        return v;
    }

    /**
     * Deletes the voice of {@code userId}: the profile with its cached conditioning, its samples, its reference and
     * uploaded recordings; {@link VoiceDeleted} lets the jobs that cloned it delete the audio they keep for it.
     *
     * @return false when there is no such voice of this user
     */
    public boolean delete(UUID userId, String voiceId) {
        Optional<VoiceProfile> found = find(userId, false, voiceId);
        if (found.isEmpty()) {
            return false;
        }
        VoiceProfile v = found.get();
        Set<UUID> audio = new LinkedHashSet<>();
        audio.add(v.getReferenceAudioId());
        audio.add(v.getReferenceMp3Id());
        for (VoiceSample s : samples(v.getId())) {
            audio.add(s.getUploadAssetId());
            audio.add(s.getReferenceAssetId());
        }
        em.remove(v);
        // The profile row refers to the assets: remove it before them.
        em.flush();
        audio.stream().filter(Objects::nonNull).forEach(assets::delete);
        deletions.fire(new VoiceDeleted(userId, voiceId));
        audit.record("voice.deleted", WayIn.HTTP, userId, userId, voiceId, v.getVoiceName());
        return true;
    }
}
