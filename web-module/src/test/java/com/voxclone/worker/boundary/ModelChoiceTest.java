package com.voxclone.worker.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.boundary.InvalidInputException;
import com.voxclone.platform.entity.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model a request runs on: named, the voice's own, or the deployment's default; only models a worker holds. */
class ModelChoiceTest {

    private final ModelChoice models = new ModelChoice();

    @BeforeEach
    void workersHoldTheOriginalAndTurbo() {
        models.workers = mock(WorkerRegistry.class);
        when(models.workers.modelsOnOffer()).thenReturn(List.of("chatterbox", "chatterbox-turbo"));
        models.configuredDefault = Optional.empty();
        models.nodeModel = "chatterbox";
    }

    @Test
    void theDefaultIsTheNodesModelUnlessOneIsConfigured() {
        assertEquals("chatterbox", models.deploymentDefault());
        models.configuredDefault = Optional.of(" chatterbox-turbo ");
        assertEquals("chatterbox-turbo", models.deploymentDefault());
    }

    @Test
    void theDefaultIsOnOfferEvenBeforeAnyWorkerReported() {
        when(models.workers.modelsOnOffer()).thenReturn(List.of());
        models.nodeModel = "offline";
        assertEquals(List.of("offline"), models.onOffer());
        assertEquals(List.of(), problemsFor("offline"));
    }

    @Test
    void aNewVoiceTakesTheNamedModelOrTheDefault() {
        List<Violation> problems = new ArrayList<>();
        assertEquals("chatterbox-turbo", models.forNewVoice("chatterbox-turbo", "model", problems));
        assertEquals("chatterbox", models.forNewVoice(null, "model", problems));
        assertEquals("chatterbox", models.forNewVoice(" ", "model", problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void anUnknownOrUninstalledModelIsRefusedNamingTheOnesOnOffer() {
        assertEquals(List.of(new Violation("voices[0].model", "model must be one the workers here hold: chatterbox, "
                + "chatterbox-turbo; was 'chatterbox-multilingual'")), problemsFor("chatterbox-multilingual"));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> models.forVoice("tts-2", "chatterbox", "voxclone"));
        assertEquals("model must be one the workers here hold: chatterbox, chatterbox-turbo, or voxclone; was 'tts-2'",
                refused.violations().get(0).message());
    }

    @Test
    void workOnAVoiceRunsOnItsOwnModelWhileAWorkerHoldsIt() {
        assertEquals("chatterbox-turbo", models.forVoice(null, "chatterbox-turbo"));
        assertEquals("chatterbox-turbo", models.forVoice("chatterbox-turbo", "chatterbox"));
        // Nobody holds the offline engine any more: the default model enrols the voice again.
        assertEquals("chatterbox", models.forVoice(null, "offline"));
    }

    @Test
    void aLanguageTheModelDoesNotSpeakIsRefusedSayingWhichModelDoes() {
        VoiceSettings french = VoiceSettings.parse(java.util.Map.of("language", "fr"), VoiceSettings.defaults()).settings();
        ModelChoice.requireSpeaks("chatterbox-multilingual", french);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ModelChoice.requireSpeaks("chatterbox", french));
        assertEquals(new Violation("language", "the model chatterbox speaks English (en) only, not 'fr'; chatterbox-multilingual speaks it"),
                refused.violations().get(0));
    }

    private List<Violation> problemsFor(String requested) {
        List<Violation> problems = new ArrayList<>();
        String model = models.forNewVoice(requested, "voices[0].model", problems);
        // A model when it is on offer, none when the request is refused.
        assertEquals(problems.isEmpty(), model != null, "model " + model + " with " + problems);
        return problems;
    }
}
