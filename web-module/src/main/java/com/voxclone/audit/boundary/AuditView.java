package com.voxclone.audit.boundary;

import com.voxclone.audit.entity.AuditEvent;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** An audit event as administrators see it in JSON. */
public final class AuditView {

    private AuditView() {
    }

    public static JsonObjectBuilder of(AuditEvent e) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", e.getId()).add("at", e.getAt().toInstant().toString())
                .add("action", e.getAction()).add("wayIn", e.getWayIn());
        if (e.getActorId() != null) {
            b.add("actorId", e.getActorId().toString());
        }
        if (e.getUserId() != null) {
            b.add("userId", e.getUserId().toString());
        }
        if (e.getVoiceId() != null) {
            b.add("voiceId", e.getVoiceId());
        }
        if (e.getTextSha256() != null) {
            b.add("textSha256", e.getTextSha256());
        }
        if (e.getWatermarkId() != null) {
            b.add("watermarkId", e.getWatermarkId());
        }
        if (e.getDetail() != null) {
            b.add("detail", e.getDetail());
        }
        return b;
    }
}
