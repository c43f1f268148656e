package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The Chatterbox engine on the real stack: a product started with {@code VOXCLONE_ENGINE=chatterbox} and a model
 * directory of generated stand-in graphs (the real file, tensor and I/O names; tiny deterministic weights) clones a
 * voice and speaks with it through ONNX Runtime on the CPU; once with the original model's graphs, once with
 * Chatterbox Turbo's ({@code VOXCLONE_MODEL=chatterbox-turbo}).
 */
@Order(6)
class ChatterboxStackIT {

    @Test
    void cloneAndSpeakWithTheChatterboxEngine() throws Exception {
        Path models = TempDirs.create("models");
        try {
            cloneAndSpeak(models);
        } finally {
            TempDirs.delete(models);
        }
    }

    @Test
    void cloneAndSpeakWithChatterboxTurboAndItsTags() throws Exception {
        Path models = TempDirs.create("models");
        try {
            // Stops once the attention mask holds 500 positions: the prompt (up to 376 voice rows and the text) and the rest speech.
            StandInModels.writeTurboDirectory(models.resolve("chatterbox-turbo"), new StandInModels.Spec(8, 2, 4, 24, 500, false, "", -1));
            try (VoxCloneStack stack = VoxCloneStack.embedded("chatterbox-turbo", Map.of(
                    "VOXCLONE_ENGINE", "chatterbox",
                    "VOXCLONE_MODEL", "chatterbox-turbo",
                    "VOXCLONE_MODELS_DIR", models.toString(),
                    "VOXCLONE_ENGINE_PROVIDER", "cpu")).start()) {
                Api api = new Api(stack.baseUri());
                String key = api.createUser("Turbo user");
                HttpResponse<String> accepted = api.upload(key, Map.of("voiceName", "Turbo", "testText", "Hello there. [laugh]",
                        "seed", "7"), Media.file("turbo-reference", MediaType.WAV, Media.speech()));
                assertEquals(202, accepted.statusCode(), accepted.body());
                JsonObject done = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3));
                assertEquals("completed", done.getString("status"), done.toString());
                assertTrue(done.getJsonObject("workerInfo").getString("model").startsWith("ResembleAI/chatterbox-turbo-ONNX"), done.toString());

                String voiceId = done.getString("voiceId");
                HttpResponse<byte[]> wav = api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key,
                        "{\"text\":\"[chuckle] Speak now.\",\"seed\":3}", "audio/wav");
                assertEquals(200, wav.statusCode(), new String(wav.body()));
                assertTrue(Long.parseLong(wav.headers().firstValue("X-Audio-Duration-Ms").orElseThrow()) > 1000);

                HttpResponse<byte[]> refused = api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key,
                        "{\"text\":\"Well [yodel] then.\"}", "audio/wav");
                String problem = new String(refused.body());
                assertEquals(400, refused.statusCode(), problem);
                assertTrue(problem.contains("does not know the tag [yodel]") && problem.contains("[laugh]"), problem);
            }
        } finally {
            TempDirs.delete(models);
        }
    }

    private static void cloneAndSpeak(Path models) throws Exception {
        // The stand-in language model stops once its attention mask holds 200 positions: ~100 speech tokens here.
        StandInModels.writeModelDirectory(models, StandInModels.Spec.small(200));
        try (VoxCloneStack stack = VoxCloneStack.embedded("chatterbox", Map.of(
                "VOXCLONE_ENGINE", "chatterbox",
                "VOXCLONE_MODEL_DIR", models.toString(),
                "VOXCLONE_ENGINE_PROVIDER", "cpu")).start()) {
            Api api = new Api(stack.baseUri());
            String key = api.createUser("Chatterbox user");
            HttpResponse<String> accepted = api.upload(key, Map.of("voiceName", "High quality", "testText", "Hello there.",
                    "cfgWeight", "0.5", "seed", "7"), Media.file("chatterbox-reference", MediaType.WAV, Media.speech()));
            assertEquals(202, accepted.statusCode(), accepted.body());
            JsonObject done = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3));
            assertEquals("completed", done.getString("status"), done.toString());
            JsonObject worker = done.getJsonObject("workerInfo");
            assertEquals("chatterbox", worker.getString("engine"));
            assertEquals("high", worker.getString("qualityTier"));
            assertEquals("CPU", worker.getString("executionProvider"));

            String voiceId = done.getString("voiceId");
            assertEquals("high", json(api.get("/api/public/voice/voices/" + voiceId, key)).getString("qualityTier"));
            HttpResponse<byte[]> wav = api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, "{\"text\":\"Speak now.\",\"seed\":3}", "audio/wav");
            assertEquals(200, wav.statusCode(), new String(wav.body()));
            long millis = Long.parseLong(wav.headers().firstValue("X-Audio-Duration-Ms").orElseThrow());
            assertTrue(millis > 1000, "expected about 40 ms per generated token, got " + millis + " ms");
        }
    }
}
