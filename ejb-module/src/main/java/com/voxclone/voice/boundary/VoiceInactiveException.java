package com.voxclone.voice.boundary;

import jakarta.ejb.ApplicationException;

/** The voice exists but its owner deactivated it: it neither speaks nor converts until activated again. */
@ApplicationException(rollback = true)
public class VoiceInactiveException extends RuntimeException {

    public VoiceInactiveException(String voiceId) {
        super("The voice '" + voiceId + "' is deactivated, so it cannot speak. Activate it again "
                + "(PATCH /api/public/voice/voices/" + voiceId + " with {\"isActive\": true}) to use it.");
    }
}
