package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail: a voice's life and every synthesis with it, an administrator's changes, found again by filters and
 * in the CSV export; and nobody, the application's own database account included, can change or delete an entry.
 */
@ExtendWith(SharedStack.class)
@Order(9)
class AuditIT {

    private static final String AUDIT = "/api/admin/audit";

    private static JsonArray search(Api api, String query) throws Exception {
        HttpResponse<String> r = api.get(AUDIT + "?" + query, VoxCloneStack.ADMIN_KEY);
        assertEquals(200, r.statusCode(), r.body());
        return (JsonArray) Api.parseStructure(r.body());
    }

    private static List<String> actions(JsonArray events) {
        return events.stream().map(e -> e.asJsonObject().getString("action")).toList();
    }

    @Test
    void aVoicesLifeAndItsSynthesesAreRecordedAndFoundAgain() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Audited");
        String userId = json(api.get("/api/public/account", key)).getString("userId");
        String adminId = json(api.get("/api/public/account", VoxCloneStack.ADMIN_KEY)).getString("userId");
        JsonObject created = search(api, "action=admin.users.post&limit=1").getJsonObject(0);
        assertEquals(adminId, created.getString("actorId"), created.toString());
        assertEquals("POST /api/admin/users -> 201", created.getString("detail"));

        var accepted = api.upload(key, Map.of("voiceName", "Audited voice"), Media.file("audited", MediaType.WAV, Media.speech()));
        String voiceId = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3)).getString("voiceId");
        String text = "Every word of this is on the record.";
        assertEquals(200, api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"" + text + "\"}", null).statusCode());
        assertEquals(204, api.delete(ONBOARDING + "/" + voiceId, key).statusCode());

        JsonArray ofVoice = search(api, "voiceId=" + voiceId);
        assertEquals(List.of("voice.deleted", "synthesis", "voice.created"), actions(ofVoice), ofVoice.toString());
        JsonObject synthesis = ofVoice.getJsonObject(1);
        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expectedHash, synthesis.getString("textSha256"), "the text is kept only as its hash");
        assertEquals(userId, synthesis.getString("userId"));
        assertEquals("http", synthesis.getString("wayIn"));
        assertTrue(ofVoice.stream().noneMatch(e -> e.toString().contains(text)), "the text itself is not kept");

        // The same events in the export, with a header row.
        HttpResponse<String> csv = api.get(AUDIT + "/export?voiceId=" + URLEncoder.encode(voiceId, StandardCharsets.UTF_8),
                VoxCloneStack.ADMIN_KEY);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("id,at,action,wayIn,actorId,userId,voiceId,textSha256,watermarkId,detail", lines.get(0));
        assertEquals(4, lines.size(), csv.body());
        assertTrue(lines.get(2).contains(",synthesis,http,") && lines.get(2).contains(expectedHash), lines.get(2));

        // Filters are checked; users cannot read the trail.
        UploadValidationIT.assertProblem(api.get(AUDIT + "?from=yesterday", VoxCloneStack.ADMIN_KEY), 400, "ISO-8601");
        assertEquals(403, api.get(AUDIT, key).statusCode());
    }

    @Test
    void entriesCannotBeChangedOrDeletedEvenWithTheApplicationsOwnDatabaseAccount() throws Exception {
        Api api = SharedStack.api();
        api.createUser("Leaves a trace");
        try (Connection db = SharedStack.stack().database(); Statement sql = db.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> sql.executeUpdate("UPDATE audit_event SET detail = 'x'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> sql.executeUpdate("DELETE FROM audit_event"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
            SQLException truncate = assertThrows(SQLException.class, () -> sql.executeUpdate("TRUNCATE audit_event"));
            assertTrue(truncate.getMessage().contains("append-only"), truncate.getMessage());
        }
    }
}
