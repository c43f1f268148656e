package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static com.voxclone.it.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A long text spoken as a job: followed live with its progress, its result the whole text in the requested format. */
@ExtendWith(SharedStack.class)
@Order(9)
class SpeechJobsIT {

    @Test
    void aLongTextIsSpokenAsAJobWithProgress() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Audiobook reader");
        var cloned = api.upload(key, Map.of("voiceName", "Reader"), Media.file("reader", MediaType.WAV, Media.speech()));
        String voiceId = api.awaitFinished(key, json(cloned).getString("jobId"), Duration.ofMinutes(3)).getString("voiceId");
        String text = (OpenAiSpeechIT.SHORT + " ").repeat(6).strip();

        HttpResponse<String> accepted = api.postJson("/api/public/voice/speech/jobs", key, "{\"model\":\"voxclone\",\"voice\":\""
                + voiceId + "\",\"input\":\"" + text + "\",\"response_format\":\"wav\",\"seed\":7}");
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = json(accepted).getString("jobId");
        List<JsonObject> events = api.events(key, jobId).get();

        JsonObject last = events.get(events.size() - 1);
        assertEquals("completed", last.getString("status"), events.toString());
        assertEquals("speech", last.getString("kind"));
        assertEquals(100, last.getInt("progress"));
        List<Integer> progress = events.stream().filter(e -> e.containsKey("progress")).map(e -> e.getInt("progress")).toList();
        assertTrue(progress.stream().anyMatch(p -> p > 0 && p < 100), "progress reported on the way: " + progress);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
        }

        byte[] wav = api.getBytes(last.getString("resultUrl"), key).body();
        double seconds = OpenAiSpeechIT.seconds(wav, ".wav");
        double once = OpenAiSpeechIT.seconds(api.postJsonForBytes("/v1/audio/speech", key, "{\"model\":\"voxclone\",\"voice\":\""
                + voiceId + "\",\"input\":\"" + OpenAiSpeechIT.SHORT + "\",\"response_format\":\"wav\",\"seed\":7}", null).body(), ".wav");
        assertTrue(seconds > 5 * once, "the whole text is spoken: " + seconds + " s, one of its six sentences pairs " + once + " s");

        JsonObject admin = json(api.get("/api/admin/jobs/" + jobId, VoxCloneStack.ADMIN_KEY));
        assertEquals("speech", admin.getString("kind"), admin.toString());
        assertProblem(api.postJson("/api/public/voice/speech/jobs", key, "{\"model\":\"voxclone\",\"voice\":\"nobody\",\"input\":\"Hi.\"}"),
                404, "no voice");
    }
}
