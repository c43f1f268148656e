package com.voxclone.voice.boundary;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.voxclone.audio.entity.AudioChunk;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.VoiceEngine;
import com.voxclone.engine.boundary.VoiceEngines;
import com.voxclone.engine.entity.EngineDescriptor;
import com.voxclone.engine.entity.SpeakerConditioning;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.quota.boundary.QuotaExceededException;
import com.voxclone.quota.boundary.Quotas;
import com.voxclone.quota.entity.Quota;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.voice.entity.VoiceSample;
import com.voxclone.worker.boundary.WorkerRegistry;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Speaking on a worker: the cached enrolment when the engine can use it, otherwise a new one from the stored samples. */
class SpeechServiceTest {

    private static final PcmAudio REFERENCE = new PcmAudio(new float[24_000], PcmAudio.MODEL_RATE);
    private static final SpeakerConditioning OLD = new SpeakerConditioning("other-engine", "1", new byte[] {1});
    private static final SpeakerConditioning FRESH = new SpeakerConditioning("fake", "2", new byte[] {2});

    private final SpeechService speech = new SpeechService();
    private final VoiceEngine engine = mock(VoiceEngine.class);
    private final VoiceProfile voice = mock(VoiceProfile.class);
    private final UUID profileId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @BeforeEach
    void collaborators() {
        speech.voices = mock(VoiceService.class);
        speech.engines = mock(VoiceEngines.class);
        speech.referenceAudio = mock(ReferenceAudio.class);
        speech.quotas = mock(Quotas.class);
        speech.metrics = mock(SynthesisMetrics.class);
        speech.workers = mock(WorkerRegistry.class);
        when(speech.engines.active()).thenReturn(engine);
        when(engine.id()).thenReturn("fake");
        when(engine.describe()).thenReturn(new EngineDescriptor("fake", "fake-model", "test", "none", "CPU", "cpu"));
        when(voice.getModel()).thenReturn("fake-model");
        when(speech.workers.modelsOnOffer()).thenReturn(List.of("fake-model", "other-model"));
        when(voice.getId()).thenReturn(profileId);
        when(voice.getVoiceId()).thenReturn("voice_1");
        when(speech.voices.speakable(owner, "voice_1")).thenReturn(voice);
        when(speech.voices.speakable(eq(owner), eq("voice_1"), any(String.class))).thenReturn(voice);
        when(speech.referenceAudio.readWav(any())).thenReturn(REFERENCE);
    }

    @Test
    void theCachedEnrolmentIsUsedWhenTheEngineCanReadIt() {
        when(voice.conditioning()).thenReturn(Optional.of(FRESH));
        when(engine.canUse(FRESH)).thenReturn(true);

        speech.speak(owner, "voice_1", "Hello.", VoiceSettings.defaults(), chunk -> { });

        verify(engine).synthesize(eq(FRESH), eq("Hello."), any(), any());
        verify(engine, never()).enroll(anyList());
        verify(speech.voices, never()).replaceConditioning(any(), any());
    }

    @Test
    void theSpeechMadeCountsAgainstTheDailyAllowance() {
        when(voice.conditioning()).thenReturn(Optional.of(FRESH));
        when(engine.canUse(FRESH)).thenReturn(true);
        doAnswer(call -> {
            Consumer<AudioChunk> sink = call.getArgument(3);
            sink.accept(new AudioChunk(0, new PcmAudio(new float[12_000], PcmAudio.MODEL_RATE), false));
            sink.accept(new AudioChunk(1, new PcmAudio(new float[6_000], PcmAudio.MODEL_RATE), true));
            return null;
        }).when(engine).synthesize(any(), any(), any(), any());

        speech.speak(owner, "voice_1", "Hello.", VoiceSettings.defaults(), chunk -> { });

        // 18,000 samples at 24 kHz: 750 ms.
        verify(speech.quotas).recordSynthesis(owner, 750);
    }

    @Test
    void aUsedUpAllowanceSpeaksNothing() {
        doThrow(new QuotaExceededException(Quota.SYNTHESIS_SECONDS_PER_DAY, 60, 60, "used up"))
                .when(speech.quotas).requireSynthesisAllowance(owner);

        assertThrows(QuotaExceededException.class,
                () -> speech.speak(owner, "voice_1", "Hello.", VoiceSettings.defaults(), chunk -> { }));

        verify(engine, never()).synthesize(any(), any(), any(), any());
        verify(speech.quotas, never()).recordSynthesis(any(), org.mockito.ArgumentMatchers.anyLong());
    }

    @Test
    void anotherEnginesEnrolmentIsReplacedByOneFromTheStoredSamples() {
        when(voice.conditioning()).thenReturn(Optional.of(OLD));
        when(engine.canUse(OLD)).thenReturn(false);
        when(speech.voices.samples(profileId)).thenReturn(List.of(
                new VoiceSample(profileId, UUID.randomUUID(), UUID.randomUUID(), 1000),
                new VoiceSample(profileId, UUID.randomUUID(), null, 0)));
        when(engine.enroll(List.of(REFERENCE))).thenReturn(FRESH);
        when(engine.convert(eq(FRESH), eq(REFERENCE), any())).thenReturn(REFERENCE);

        speech.convert(owner, "voice_1", REFERENCE, VoiceSettings.defaults());

        verify(speech.voices).replaceConditioning("voice_1", FRESH);
        // Converted speech counts like spoken speech: one second.
        verify(speech.quotas).recordSynthesis(owner, 1000);
    }

    @Test
    void aVoiceSpokenWithAnotherModelForOneRequestKeepsItsOwnEnrolment() {
        enrolledOnlyWith("other-model");

        speech.speak(owner, "voice_1", "Hello.", VoiceSettings.defaults(), chunk -> { });

        verify(engine).synthesize(eq(FRESH), eq("Hello."), any(), any());
        verify(speech.voices, never()).replaceConditioning(any(), any());
    }

    @Test
    void aVoiceWhoseModelNoWorkerHoldsAnyMoreTakesTheNewEnrolment() {
        enrolledOnlyWith("retired-model");

        speech.speak(owner, "voice_1", "Hello.", VoiceSettings.defaults(), chunk -> { });

        verify(speech.voices).replaceConditioning("voice_1", FRESH);
    }

    /** A voice of {@code model} with one stored reference, whose enrolment the engine (of "fake-model") cannot read. */
    private void enrolledOnlyWith(String model) {
        when(voice.getModel()).thenReturn(model);
        when(voice.conditioning()).thenReturn(Optional.of(OLD));
        when(speech.voices.samples(profileId)).thenReturn(List.of(new VoiceSample(profileId, UUID.randomUUID(), UUID.randomUUID(), 1000)));
        when(engine.enroll(List.of(REFERENCE))).thenReturn(FRESH);
    }

    @Test
    void aVoiceWithoutStoredReferencesCannotBeEnrolledAgain() {
        when(voice.conditioning()).thenReturn(Optional.empty());
        when(speech.voices.samples(profileId)).thenReturn(List.of());

        assertThrows(IllegalStateException.class, () -> speech.speak(owner, "voice_1", "Hi.", VoiceSettings.defaults(), c -> { }));
        verify(engine, never()).synthesize(any(), any(), any(), any());
    }

    @Test
    void theVoiceIsCheckedForTheRequestingUserWithTheTextBeforeTheEngineRuns() {
        when(speech.voices.speakable(owner, "voice_1", "Hi.")).thenThrow(new VoiceInactiveException("voice_1"));

        assertThrows(VoiceInactiveException.class, () -> speech.speak(owner, "voice_1", "Hi.", VoiceSettings.defaults(), c -> { }));
        verify(engine, never()).synthesize(any(), any(), any(), any());
    }

    /** Audio chunks sent from the engine's callback must leave at once, not when a transaction commits. */
    @Test
    void synthesisRunsOutsideATransaction() {
        Assertions.assertEquals(TransactionAttributeType.NOT_SUPPORTED,
                SpeechService.class.getAnnotation(TransactionAttribute.class).value());
    }
}
