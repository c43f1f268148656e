package com.voxclone.speech.control;

import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import com.voxclone.quota.boundary.Quotas;
import com.voxclone.speech.entity.SpeechModels;
import com.voxclone.speech.entity.SpeechParameters;
import com.voxclone.voice.boundary.VoiceNotFoundException;
import com.voxclone.voice.boundary.VoiceService;
import com.voxclone.voice.entity.VoiceProfile;
import com.voxclone.worker.boundary.ModelChoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Speech requests checked the same way whichever way they come (spoken at once, or as a job): their fields, the day's
 * speech allowance, and the voice they name, one of the caller's by id or, when exactly one has it, by name.
 */
@ApplicationScoped
public class SpeechRequests {

    @Inject
    VoiceService voices;

    @Inject
    Quotas quotas;

    @Inject
    ModelChoice models;

    @Inject
    @ConfigProperty(name = "voxclone.speech.max-input-characters", defaultValue = "50000")
    int maxInput;

    /** A request that may be spoken, with the voice to speak it and the model to speak with. */
    public record Accepted(SpeechParameters parameters, VoiceProfile voice, String model) {

        /** The voice's settings with the request's own over them. */
        public VoiceSettings settings() {
            return VoiceSettings.parse(parameters.settings(), voice.getSettings()).settings();
        }
    }

    /**
     * @throws Problem                400 naming every invalid field
     * @throws com.voxclone.quota.boundary.QuotaExceededException when the day's speech is used up
     * @throws VoiceNotFoundException when the caller has no such voice (and VoiceInactiveException for a deactivated one)
     */
    public Accepted accept(UUID userId, JsonObject body) {
        SpeechParameters request = parse(body);
        quotas.requireSynthesisAllowance(userId);
        VoiceProfile voice = voices.speakable(userId, idOf(userId, request.voice()));
        Accepted accepted = new Accepted(request, voice, models.forVoice(request.voiceModel(), voice.getModel(),
                String.join(", ", SpeechModels.IDS) + " (the voice's own model)"));
        ModelChoice.requireSpeaks(accepted.model(), accepted.settings());
        return accepted;
    }

    /** A request stored with a job, read again when the job runs. */
    public SpeechParameters stored(String json) {
        return parse(Json.createReader(new StringReader(json)).readObject());
    }

    private SpeechParameters parse(JsonObject body) {
        SpeechParameters.Parsed parsed = SpeechParameters.parse(body, maxInput);
        if (!parsed.violations().isEmpty()) {
            throw Problem.invalidFields(parsed.violations());
        }
        return parsed.parameters();
    }

    private String idOf(UUID userId, String idOrName) {
        if (voices.find(userId, false, idOrName).isPresent()) {
            return idOrName;
        }
        List<VoiceProfile> named = voices.ofUser(userId).stream().filter(v -> v.getVoiceName().equalsIgnoreCase(idOrName)).toList();
        if (named.size() > 1) {
            throw Problem.invalidFields(List.of(new Violation("voice", named.size() + " of your voices are named '" + idOrName
                    + "'; name the voice by its id (" + String.join(", ", named.stream().map(VoiceProfile::getVoiceId).toList()) + ")")));
        }
        if (named.isEmpty()) {
            throw new VoiceNotFoundException(idOrName);
        }
        return named.get(0).getVoiceId();
    }
}
