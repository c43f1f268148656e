package com.voxclone.voice.boundary;

import jakarta.ejb.ApplicationException;

/** No voice with this id for this caller (another user's voice is reported the same way). */
@ApplicationException(rollback = true)
public class VoiceNotFoundException extends RuntimeException {
    public VoiceNotFoundException(String voiceId) {
        super("There is no voice '" + voiceId + "'.");
    }
}
