package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static com.voxclone.it.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A voice grows by more recordings and shrinks again; each change enrols it again on a worker from all its samples. */
@ExtendWith(SharedStack.class)
@Order(8)
class VoiceSamplesIT {

    @Test
    void samplesAreAddedAndRemovedAndTheVoiceIsEnrolledAgain() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Samples");
        var accepted = api.upload(key, Map.of("voiceName", "Growing"), Media.file("first", MediaType.WAV, Media.speech()));
        String voiceId = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3)).getString("voiceId");
        String samples = "/api/public/voice/voices/" + voiceId + "/samples";

        byte[] second = Files.readAllBytes(Media.file("second", MediaType.MP3,
                TestMedia.espeak("A second recording of the same speaker, reading another sentence for the voice.")));
        HttpResponse<String> added = api.multipart(samples, key, Map.of(), second, "second.mp3", HttpResponse.BodyHandlers.ofString());
        assertEquals(202, added.statusCode(), added.body());
        JsonObject addJob = api.awaitFinished(key, json(added).getString("jobId"), Duration.ofMinutes(3));
        assertEquals("completed", addJob.getString("status"), addJob.toString());
        assertEquals("add_sample", addJob.getString("kind"));
        assertEquals(voiceId, addJob.getString("voiceId"));

        JsonArray list = (JsonArray) Api.parseStructure(api.get(samples, key).body());
        assertEquals(2, list.size(), list.toString());
        assertEquals(2, json(api.get("/api/public/voice/voices/" + voiceId, key)).getInt("sampleCount"));
        assertEquals(200, api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"Two samples now.\"}", null).statusCode());

        String firstSample = list.getJsonObject(0).getString("sampleId");
        HttpResponse<String> removed = api.delete(samples + "/" + firstSample, key);
        assertEquals(202, removed.statusCode(), removed.body());
        JsonObject reenrol = api.awaitFinished(key, json(removed).getString("jobId"), Duration.ofMinutes(3));
        assertEquals("completed", reenrol.getString("status"), reenrol.toString());
        assertEquals("reenrol", reenrol.getString("kind"));
        JsonArray left = (JsonArray) Api.parseStructure(api.get(samples, key).body());
        assertEquals(1, left.size());
        assertEquals(200, api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"One sample left.\"}", null).statusCode());

        assertProblem(api.delete(samples + "/" + left.getJsonObject(0).getString("sampleId"), key), 409, "only sample");
        assertProblem(api.delete(samples + "/" + firstSample, key), 404, "no sample");
        String other = api.createUser("Not the owner");
        assertProblem(api.get(samples, other), 404, "no voice");
    }
}
