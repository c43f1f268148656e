package com.voxclone.speech.control;

import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import com.voxclone.voice.boundary.VoiceNotFoundException;
import com.voxclone.voice.boundary.VoiceService;
import com.voxclone.voice.entity.VoiceProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** The voice a speech request names: one of the caller's voices, by id or, when exactly one has it, by name. */
@ApplicationScoped
public class VoiceChoice {

    @Inject
    VoiceService voices;

    /**
     * The id of the named voice.
     *
     * @throws VoiceNotFoundException when the caller has no such voice
     */
    public String idOf(UUID userId, String idOrName) {
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
