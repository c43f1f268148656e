package com.voxclone.voice.boundary;

import com.voxclone.voice.entity.VoiceProfile;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** A voice as the API shows it. */
public final class VoiceView {

    public static final String API_BASE = "/api/public/voice/voices/";

    private VoiceView() {
    }

    public static JsonObject of(VoiceProfile v, int sampleCount) {
        return Json.createObjectBuilder()
                .add("voiceId", v.getVoiceId())
                .add("voiceName", v.getVoiceName())
                .add("isActive", v.isActive())
                .add("engine", v.getEngine())
                .add("model", v.getModel())
                .add("ignoredSettings", Json.createArrayBuilder(v.getSettings().ignoredBy(v.getModel())))
                .add("qualityTier", "chatterbox".equals(v.getEngine()) ? "high" : "offline")
                .add("settings", v.getSettings().toJson())
                .add("sampleCount", sampleCount)
                .add("referenceUrl", API_BASE + v.getVoiceId() + "/reference")
                .add("createdAt", v.getCreatedAt().toInstant().toString())
                .add("updatedAt", v.getUpdatedAt().toInstant().toString())
                .build();
    }
}
