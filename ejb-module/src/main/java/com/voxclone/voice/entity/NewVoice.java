package com.voxclone.voice.entity;

import com.voxclone.engine.entity.VoiceSettings;
import java.util.UUID;

/**
 * What a new voice is made from, besides its enrolment: whose it is, its name and settings, and the uploaded
 * recording its first sample comes from.
 */
public record NewVoice(UUID userId, String voiceName, VoiceSettings settings, UUID uploadAssetId) {
}
