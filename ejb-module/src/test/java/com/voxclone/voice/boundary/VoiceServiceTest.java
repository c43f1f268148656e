package com.voxclone.voice.boundary;

import com.voxclone.audit.boundary.AuditTrail;
import com.voxclone.audit.entity.WayIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.boundary.InvalidInputException;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.voice.entity.VoiceDeleted;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.voice.entity.VoiceSample;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * The voice library's rules: a voice belongs to its owner, it keeps at least one sample, and deleting it removes the
 * profile before its audio (which the profile refers to) and tells the rest of the system in the same transaction.
 */
class VoiceServiceTest {

    private final VoiceService service = new VoiceService();
    private final UUID owner = UUID.randomUUID();
    private final UUID referenceWav = UUID.randomUUID();
    private final UUID referenceMp3 = UUID.randomUUID();
    private VoiceProfile voice;
    private TypedQuery<VoiceSample> samples;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void collaborators() {
        service.em = mock(EntityManager.class);
        service.assets = mock(AssetStore.class);
        service.deletions = mock(Event.class);
        service.audit = mock(AuditTrail.class);
        voice = new VoiceProfile(owner, "Ada", VoiceSettings.defaults(), new SpeakerConditioning("fake", "1", new byte[] {1}),
                referenceWav, referenceMp3);
        TypedQuery<VoiceProfile> byId = mock(TypedQuery.class, RETURNS_SELF);
        when(byId.getResultStream()).thenAnswer(i -> Stream.of(voice));
        when(service.em.createNamedQuery(VoiceProfile.BY_VOICE_ID, VoiceProfile.class)).thenReturn(byId);
        samples = mock(TypedQuery.class, RETURNS_SELF);
        when(service.em.createNamedQuery(VoiceSample.OF_PROFILE, VoiceSample.class)).thenReturn(samples);
    }

    @Test
    void anotherUsersVoiceIsNotFound() {
        assertThrows(VoiceNotFoundException.class, () -> service.owned(UUID.randomUUID(), voice.getVoiceId()));
        assertEquals(Optional.of(voice), service.find(UUID.randomUUID(), true, voice.getVoiceId()));
        assertFalse(service.delete(UUID.randomUUID(), voice.getVoiceId()));
        verify(service.em, never()).remove(any());
        verifyNoInteractions(service.assets, service.deletions);
    }

    @Test
    void theOnlySampleOfAVoiceIsKept() {
        VoiceSample only = new VoiceSample(voice.getId(), UUID.randomUUID(), UUID.randomUUID(), 3000);
        when(service.em.find(VoiceSample.class, only.getId())).thenReturn(only);
        when(samples.getResultList()).thenReturn(List.of(only));

        assertThrows(VoiceService.LastSampleException.class, () -> service.removeSample(owner, voice.getVoiceId(), only.getId()));

        verify(service.em, never()).remove(any());
        verifyNoInteractions(service.assets);
    }

    @Test
    void aSampleOfAnotherVoiceIsNotRemoved() {
        VoiceSample foreign = new VoiceSample(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 3000);
        when(service.em.find(VoiceSample.class, foreign.getId())).thenReturn(foreign);

        assertFalse(service.removeSample(owner, voice.getVoiceId(), foreign.getId()));
        verify(service.em, never()).remove(any());
    }

    @Test
    void deletingRemovesTheProfileFirstThenItsAudioThenTellsTheOthers() {
        UUID upload = UUID.randomUUID();
        when(samples.getResultList()).thenReturn(List.of(new VoiceSample(voice.getId(), upload, referenceWav, 3000)));

        assertTrue(service.delete(owner, voice.getVoiceId()));

        var order = inOrder(service.em, service.assets, service.deletions);
        order.verify(service.em).remove(voice);
        order.verify(service.em).flush();
        order.verify(service.assets).delete(referenceWav);
        order.verify(service.assets).delete(referenceMp3);
        order.verify(service.assets).delete(upload);
        order.verify(service.deletions).fire(new VoiceDeleted(owner, voice.getVoiceId()));
        verify(service.assets, Mockito.times(3)).delete(any());
        verify(service.audit).record(eq("voice.deleted"), eq(WayIn.HTTP), eq(owner), eq(owner), eq(voice.getVoiceId()), any());
    }

    @Test
    void updatingAnotherUsersVoiceIsRefused() {
        assertThrows(VoiceNotFoundException.class, () -> service.update(UUID.randomUUID(), voice.getVoiceId(),
                Optional.of("Mallory"), Optional.empty(), Optional.empty()));
        assertEquals("Ada", voice.getVoiceName());
    }

    @Test
    void aDeactivatedVoiceDoesNotSpeak() {
        voice.setActive(false);

        VoiceInactiveException refused = assertThrows(VoiceInactiveException.class,
                () -> service.speakable(owner, voice.getVoiceId(), "Hello."));
        assertTrue(refused.getMessage().contains("deactivated"), refused.getMessage());
    }

    @Test
    void aTextLongerThanTheLimitIsRefusedWithTheLimit() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> service.speakable(owner, voice.getVoiceId(), "x".repeat(501)));
        assertEquals("text must be at most 500 characters, was 501", refused.violations().get(0).message());
        assertEquals(voice, service.speakable(owner, voice.getVoiceId(), "x".repeat(500)));
    }

    @Test
    void anotherUsersVoiceDoesNotSpeakForTheCaller() {
        assertThrows(VoiceNotFoundException.class, () -> service.speakable(UUID.randomUUID(), voice.getVoiceId(), "Hi."));
    }

    @Test
    void anUnknownVoiceIdIsNotFound() {
        when(service.em.createNamedQuery(anyString(), any(Class.class))).thenAnswer(i -> {
            TypedQuery<?> none = mock(TypedQuery.class, RETURNS_SELF);
            when(none.getResultStream()).thenAnswer(x -> Stream.empty());
            return none;
        });
        assertThrows(VoiceNotFoundException.class, () -> service.owned(owner, "voice_missing"));
    }
}
