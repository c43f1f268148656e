package com.voxclone.job.entity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A job as users see it: the body of the status endpoint, of each Server-Sent Event and of each status-topic
 * message. Built in one place so all three always agree.
 */
public final class JobView {

    public static final String API_BASE = "/api/public/voice/onboarding/jobs/";

    private JobView() {
    }

    public static JsonObject of(VoiceCloneJob job) {
        UUID id = job.getId();
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("jobId", id.toString())
                .add("status", job.getStatus().value())
                .add("kind", job.kind())
                .add("voiceName", job.getVoiceName());
        nullable(b, "voiceId", job.getVoiceId());
        nullable(b, "model", job.getModel());
        b.add("ignoredSettings", Json.createArrayBuilder(job.getModel() == null ? List.of() : job.getSettings().ignoredBy(job.getModel())));
        nullable(b, "audioFileUrl", job.getUploadAssetId() == null ? null : API_BASE + id + "/audio");
        nullable(b, "resultUrl", job.getResultAssetId() == null ? null : API_BASE + id + "/result");
        nullable(b, "error", job.getError());
        if (job.getProcessingTimeMs() == null) {
            b.addNull("processingTime");
        } else {
            b.add("processingTime", job.getProcessingTimeMs());
        }
        b.add("workerInfo", job.getWorkerInfo() == null ? JsonValue.NULL : parse(job.getWorkerInfo()));
        if (job.getProgress() != null) {
            b.add("progress", job.getProgress());
        }
        b.add("attempts", job.getAttempts());
        b.add("runs", job.getRuns());
        nullable(b, "testText", job.getTestText());
        b.add("settings", job.getSettings().toJson());
        b.add("segment", job.segment().<JsonValue>map(seg -> Json.createObjectBuilder()
                .add("start", seg.startMillis() / 1000.0).add("end", seg.endMillis() / 1000.0).build()).orElse(JsonValue.NULL));
        b.add("createdAt", text(job.getCreatedAt()));
        b.add("updatedAt", text(job.getUpdatedAt() == null ? job.getCreatedAt() : job.getUpdatedAt()));
        nullable(b, "startedAt", job.getStartedAt() == null ? null : text(job.getStartedAt()));
        nullable(b, "finishedAt", job.getFinishedAt() == null ? null : text(job.getFinishedAt()));
        return b.build();
    }

    private static String text(OffsetDateTime t) {
        return t.toInstant().toString();
    }

    private static void nullable(JsonObjectBuilder b, String key, String value) {
        if (value == null) {
            b.addNull(key);
        } else {
            b.add(key, value);
        }
    }

    private static JsonValue parse(String json) {
        try (var r = Json.createReader(new StringReader(json))) {
            return r.readValue();
        }
    }
}
