package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A user clones a voice from a recording and uses it, end to end on the real stack. */
@ExtendWith(SharedStack.class)
@Order(1)
class CloneFlowIT {

    static Api api;
    static String key;

    @BeforeAll
    static void user() throws Exception {
        api = SharedStack.api();
        key = api.createUser("Clone Flow");
    }

    @Test
    void cloneFollowLiveUseAndDeleteAVoice() throws Exception {
        Path wav = Media.file("reference", MediaType.WAV, Media.speech());
        HttpResponse<String> accepted = api.upload(key, Map.of("voiceName", "Narrator", "testText", "Hello from my new voice.",
                "exaggeration", "0.7", "cfgWeight", "1.0", "chunkSize", "1024"), wav);
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject job = json(accepted);
        String jobId = job.getString("jobId");
        assertEquals("pending", job.getString("status"));
        assertEquals(ONBOARDING + "/jobs/" + jobId + "/status", job.getString("statusUrl"));
        assertEquals(ONBOARDING + "/jobs/" + jobId + "/events", job.getString("eventsUrl"));
        assertEquals(job.getString("statusUrl"), accepted.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));

        CompletableFuture<List<JsonObject>> stream = api.events(key, jobId);
        List<JsonObject> events = stream.get(3, TimeUnit.MINUTES);
        assertFalse(events.isEmpty(), "the event stream sent nothing");
        assertEquals("completed", events.get(events.size() - 1).getString("status"), "last event: " + events);
        List<String> order = List.of("pending", "processing", "completed");
        int previous = -1;
        for (JsonObject e : events) {
            int at = order.indexOf(e.getString("status"));
            assertTrue(at >= previous, "statuses went backwards: " + events);
            previous = at;
        }

        JsonObject status = json(api.get(ONBOARDING + "/jobs/" + jobId + "/status", key));
        assertEquals("completed", status.getString("status"));
        assertEquals("Narrator", status.getString("voiceName"));
        String voiceId = status.getString("voiceId");
        assertTrue(voiceId.startsWith("voice_"), voiceId);
        assertTrue(status.getJsonNumber("processingTime").longValue() > 0);
        JsonObject worker = status.getJsonObject("workerInfo");
        assertEquals("offline", worker.getString("engine"));
        assertEquals("CPU", worker.getString("executionProvider"));
        assertNotNull(worker.getString("node"));
        assertEquals(events.get(events.size() - 1), status, "the stream's last event and the status endpoint disagree");

        byte[] testAudio = api.getBytes(status.getString("resultUrl"), key).body();
        assertTrue(isMp3(testAudio), "test audio is not MP3");
        HttpResponse<byte[]> original = api.getBytes(status.getString("audioFileUrl"), key);
        assertEquals(200, original.statusCode());
        assertTrue(original.body().length > 10_000);

        JsonArray voices = (JsonArray) Api.parseStructure(api.get("/api/public/voice/voices", key).body());
        assertTrue(voices.stream().anyMatch(v -> v.asJsonObject().getString("voiceId").equals(voiceId)));
        JsonObject voice = json(api.get("/api/public/voice/voices/" + voiceId, key));
        assertEquals("Narrator", voice.getString("voiceName"));
        assertEquals("offline", voice.getString("qualityTier"));
        assertEquals(1, voice.getInt("sampleCount"));
        assertEquals(0.7, voice.getJsonObject("settings").getJsonNumber("exaggeration").doubleValue(), 1e-9);
        assertTrue(isMp3(api.getBytes(voice.getString("referenceUrl"), key).body()));

        HttpResponse<byte[]> mp3 = api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"Testing one two three.\"}", null);
        assertEquals(200, mp3.statusCode(), new String(mp3.body(), StandardCharsets.UTF_8));
        assertEquals("audio/mpeg", mp3.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(isMp3(mp3.body()));
        HttpResponse<byte[]> wavOut = api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key,
                "{\"text\":\"Testing one two three.\",\"speed\":1.2}", "audio/wav");
        assertEquals(200, wavOut.statusCode());
        assertEquals("audio/wav", wavOut.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals("RIFF".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(wavOut.body(), 4));
        long millis = Long.parseLong(wavOut.headers().firstValue("X-Audio-Duration-Ms").orElseThrow());
        assertTrue(millis > 500 && millis < 10_000, "implausible duration " + millis + " ms");

        Path source = Media.file("to-convert", MediaType.WAV, TestMedia.espeak("Please convert these words."));
        HttpResponse<byte[]> converted = api.multipart("/api/public/voice/voices/" + voiceId + "/convert", key, Map.of("exaggeration", "0.6"),
                Files.readAllBytes(source), "to-convert.wav", HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, converted.statusCode(), new String(converted.body(), StandardCharsets.UTF_8));
        assertTrue(isMp3(converted.body()), "converted audio is not MP3");
        long convertedMillis = Long.parseLong(converted.headers().firstValue("X-Audio-Duration-Ms").orElseThrow());
        assertTrue(convertedMillis > 1000, "conversion keeps the recording's timing; got " + convertedMillis + " ms");

        HttpResponse<String> renamed = api.patchJson("/api/public/voice/voices/" + voiceId, key,
                "{\"voiceName\":\"Narrator 2\",\"settings\":{\"exaggeration\":1.1}}");
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertEquals("Narrator 2", json(renamed).getString("voiceName"));

        assertEquals(200, api.patchJson("/api/public/voice/voices/" + voiceId, key, "{\"isActive\":false}").statusCode());
        HttpResponse<byte[]> silent = api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"Still there?\"}", null);
        assertEquals(409, silent.statusCode(), "a deactivated voice must not speak");
        assertTrue(new String(silent.body(), StandardCharsets.UTF_8).contains("deactivated"));
        assertEquals(409, api.multipart("/api/public/voice/voices/" + voiceId + "/convert", key, Map.of(),
                Files.readAllBytes(source), "to-convert.wav", HttpResponse.BodyHandlers.ofString()).statusCode(),
                "a deactivated voice must not convert");
        assertEquals(200, api.patchJson("/api/public/voice/voices/" + voiceId, key, "{\"isActive\":true}").statusCode());
        assertEquals(200, api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"Back again.\"}", null).statusCode());

        assertEquals(204, api.delete(ONBOARDING + "/" + voiceId, key).statusCode());
        assertEquals(404, api.get("/api/public/voice/voices/" + voiceId, key).statusCode());
        assertEquals(404, api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"Gone?\"}", null).statusCode());
        assertEquals(404, api.getBytes(status.getString("resultUrl"), key).statusCode(), "test audio should be gone with the voice");
        assertEquals(404, api.delete(ONBOARDING + "/" + voiceId, key).statusCode());
    }

    @Test
    void aVideoWithAnAudioTrackIsClonedFromItsSound() throws Exception {
        Path mp4 = Media.file("interview", MediaType.MP4, Media.speech());
        HttpResponse<String> accepted = api.upload(key, Map.of("voiceName", "From video"), mp4);
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject done = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3));
        assertEquals("completed", done.getString("status"), done.toString());
        assertTrue(done.isNull("resultUrl"), "no test text, so no test audio");
    }

    static boolean isMp3(byte[] b) {
        return b.length > 1000 && ((b[0] == 'I' && b[1] == 'D' && b[2] == '3') || ((b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0));
    }
}
