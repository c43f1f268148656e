package com.voxclone.voice.entity;

import java.util.UUID;

/**
 * A voice was deleted with its own audio, in the transaction still under way. Components that keep audio made for
 * the voice (the jobs that cloned it) delete theirs in the same transaction, so nothing of the voice is left.
 */
public record VoiceDeleted(UUID userId, String voiceId) {
}
