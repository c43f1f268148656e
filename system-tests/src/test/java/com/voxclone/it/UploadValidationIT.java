package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of bad upload is refused before anything is queued, with problem details that say why. */
@ExtendWith(SharedStack.class)
@Order(2)
class UploadValidationIT {

    static Api api;
    static String key;
    static Path speech;

    @BeforeAll
    static void setUp() throws Exception {
        api = SharedStack.api();
        key = api.createUser("Validation");
        speech = Media.file("valid", MediaType.WAV, Media.speech());
    }

    @Test
    void noOrWrongKeyIs401() throws Exception {
        assertProblem(api.get("/api/public/voice/voices", null), 401, "API key");
        assertProblem(api.get("/api/public/voice/voices", "vxc_not-a-real-key"), 401, "unknown or has been revoked");
        assertProblem(api.upload(null, Map.of("voiceName", "x"), speech), 401, "API key");
    }

    @Test
    void missingOrEmptyFileIs400() throws Exception {
        assertProblem(api.upload(key, Map.of("voiceName", "No file"), (Path) null), 400, "form field 'file'");
        assertProblem(api.upload(key, Map.of("voiceName", "Empty"), new byte[0], "empty.wav"), 400, "empty");
    }

    @Test
    void theTypeComesFromTheBytesNotTheName() throws Exception {
        Path text = TestMedia.text(Media.dir(), "notes.mp3");
        JsonObject p = assertProblem(api.upload(key, Map.of("voiceName", "Text"), text), 415, "Allowed formats");
        assertTrue(p.getString("detail").contains("MP3"), p.toString());
    }

    @Test
    void tooLargeIs413() throws Exception {
        byte[] big = new byte[50 * 1024 * 1024 + 1024 * 1024 + 10];
        System.arraycopy(Files.readAllBytes(speech), 0, big, 0, 44);
        assertProblem(api.upload(key, Map.of("voiceName", "Big"), big, "big.wav"), 413, "at most");
    }

    @Test
    void undecodableAndSilentVideoAndWrongDurationsAre422() throws Exception {
        assertProblem(api.upload(key, Map.of("voiceName", "Corrupt"), TestMedia.corrupt(Media.dir(), "broken", MediaType.MP4, 64)),
                422, "could not be read");
        assertProblem(api.upload(key, Map.of("voiceName", "Silent video"), Media.videoWithoutAudio("mute", 4)), 422, "no audio track");
        JsonObject shortOne = assertProblem(api.upload(key, Map.of("voiceName", "Short"),
                Media.file("short", MediaType.WAV, TestMedia.speechLike(1.0, 24_000, 1))), 422, "between 2 s and 5 min");
        assertEquals(1.0, shortOne.getJsonNumber("measuredSeconds").doubleValue(), 0.1);
        JsonObject longOne = assertProblem(api.upload(key, Map.of("voiceName", "Long"),
                Media.file("long", MediaType.MP3, TestMedia.tone(220, 301, 8_000, 0.2))), 422, "between 2 s and 5 min");
        assertTrue(longOne.getJsonNumber("measuredSeconds").doubleValue() > 300, longOne.toString());
    }

    @Test
    void invalidFieldsAre400NamingEachFieldAndItsRange() throws Exception {
        JsonObject p = assertProblem(api.upload(key, Map.of("voiceName", "", "exaggeration", "3", "cfgWeight", "abc",
                "chunkSize", "100", "testText", "x".repeat(61), "language", "fr"), speech), 400, "fields are invalid");
        var fields = p.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")).toList();
        assertTrue(fields.containsAll(List.of("voiceName", "exaggeration", "cfgWeight", "chunkSize", "testText", "language")),
                fields.toString());
        assertTrue(p.toString().contains("the model offline speaks English (en) only, not 'fr'"), p.toString());
        assertTrue(p.toString().contains("exaggeration must be between 0.25 and 2"), p.toString());
        assertTrue(p.toString().contains("chunkSize must be between 512 and 4096"), p.toString());
    }

    @Test
    void aSegmentOutsideTheRecordingOrTooShortIs400() throws Exception {
        JsonObject outside = assertProblem(api.upload(key, Map.of("voiceName", "Segment", "segmentStart", "1",
                "segmentEnd", "900"), speech), 400, "segmentEnd must be at most");
        assertTrue(outside.getString("detail").contains("s long"), outside.toString());
        assertProblem(api.upload(key, Map.of("voiceName", "Segment", "segmentStart", "1", "segmentEnd", "2.5"), speech),
                400, "must be at least 2 s long, was 1.5 s");
        JsonObject both = assertProblem(api.upload(key, Map.of("voiceName", "", "segmentStart", "soon"), speech), 400,
                "fields are invalid");
        var fields = both.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")).toList();
        assertEquals(List.of("voiceName", "segmentStart"), fields);
    }

    @Test
    void aSpokenConsentMustBeDecodableAudioOfASensibleLength() throws Exception {
        String challenge = "/api/public/voice/consent/challenges/"
                + json(api.postJson("/api/public/voice/consent/challenges", key, "{}")).getString("challengeId");
        String consent = challenge + "/recording";
        Map<String, String> fields = Map.of();
        var corrupt = Files.readAllBytes(TestMedia.corrupt(Media.dir(), "consent-broken", MediaType.OGG, 48));
        assertProblem(api.multipart(consent, key, fields, "consentAudio", corrupt, "consent.ogg",
                HttpResponse.BodyHandlers.ofString()), 422, "could not be read");
        var blip = Files.readAllBytes(Media.file("consent-blip", MediaType.WAV, TestMedia.speechLike(0.4, 24_000, 3)));
        assertProblem(api.multipart(consent, key, fields, "consentAudio", blip, "consent.wav",
                HttpResponse.BodyHandlers.ofString()), 422, "between 1 s and 2 min");
        assertEquals(404, api.get(consent, key).statusCode(), "nothing was stored for the refused recordings");
        assertEquals(false, json(api.get(challenge, key)).getBoolean("recorded"));
        var spoken = Files.readAllBytes(Media.file("consent-spoken", MediaType.OGG, TestMedia.speechLike(3, 24_000, 4)));
        assertEquals(200, api.multipart(consent, key, fields, "consentAudio", spoken, "consent.ogg",
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(true, json(api.get(challenge, key)).getBoolean("recorded"));
    }

    @Test
    void unknownPathsAndJobsAre404ProblemDetails() throws Exception {
        assertProblem(api.get("/api/public/voice/onboarding/jobs/not-a-job/status", key), 404, "no job");
        assertProblem(api.get("/api/public/voice/onboarding/jobs/" + UUID.randomUUID() + "/status", key), 404, "no job");
        assertProblem(api.get("/api/public/voice/nothing-here", key), 404, "nothing at this address");
    }

    static JsonObject assertProblem(HttpResponse<String> r, int status, String detailContains) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0], r.body());
        JsonObject p = json(r);
        assertEquals(status, p.getInt("status"));
        assertTrue(p.getString("detail").contains(detailContains), "detail should mention '" + detailContains + "': " + p);
        return p;
    }
}
