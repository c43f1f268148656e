package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import com.voxclone.engine.chatterbox.testmodels.StandInModels;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The Chatterbox engine on the real stack, with a model per voice and per request: a main node started with
 * {@code VOXCLONE_ENGINE=chatterbox} (the original model) and a worker node holding Chatterbox Turbo
 * ({@code VOXCLONE_MODEL=chatterbox-turbo}), each with a directory of generated stand-in graphs (the real file, tensor
 * and I/O names; tiny deterministic weights), clone voices and speak with them through ONNX Runtime on the CPU. Each
 * job and request goes to the node holding its model: only Turbo knows its tags and refuses an unknown one, so a
 * refused {@code [yodel]} shows that Turbo spoke, and a spoken one that the original model did.
 */
@Order(6)
class ChatterboxStackIT {

    @Test
    void eachVoiceAndRequestRunsOnTheNodeHoldingItsModel() throws Exception {
        Path models = TempDirs.create("models");
        try {
            // The original stand-in stops once its attention mask holds 200 positions: ~100 speech tokens here.
            StandInModels.writeModelDirectory(models.resolve("chatterbox"), StandInModels.Spec.small(200));
            // Turbo's stops at 500: the prompt (up to 376 voice rows and the text) and the rest speech.
            StandInModels.writeTurboDirectory(models.resolve("chatterbox-turbo"), new StandInModels.Spec(8, 2, 4, 24, 500, false, "", -1));
            try (VoxCloneStack main = VoxCloneStack.embedded("chatterbox", Map.of(
                    "VOXCLONE_ENGINE", "chatterbox",
                    "VOXCLONE_MODELS_DIR", models.toString(),
                    "VOXCLONE_ENGINE_PROVIDER", "cpu")).start()) {
                VoxCloneStack turbo = VoxCloneStack.workerFor(main, "turbo");
                turbo.setting("VOXCLONE_ENGINE", "chatterbox");
                turbo.setting("VOXCLONE_MODEL", "chatterbox-turbo");
                turbo.setting("VOXCLONE_MODELS_DIR", models.toString());
                turbo.setting("VOXCLONE_ENGINE_PROVIDER", "cpu");
                try (turbo) {
                    turbo.start();
                    Api api = new Api(main.baseUri());
                    String key = api.createUser("Chatterbox user");
                    String original = cloneWithTheDefaultModel(api, key);
                    awaitModels(api, "chatterbox", "chatterbox-turbo");
                    String turboVoice = cloneWithTurbo(api, key);

                    // Without a model, each voice speaks with its own.
                    assertEquals(200, speak(api, key, original, "{\"text\":\"Well [yodel] then.\",\"seed\":3}").statusCode());
                    assertRefusedByTurbo(speak(api, key, turboVoice, "{\"text\":\"Well [yodel] then.\"}"));
                    // A request may name another model: the original voice is enrolled again for Turbo, and keeps its own.
                    assertRefusedByTurbo(speak(api, key, original, "{\"text\":\"Well [yodel] then.\",\"model\":\"chatterbox-turbo\"}"));
                    HttpResponse<byte[]> visiting = speak(api, key, original, "{\"text\":\"[chuckle] Speak now.\",\"seed\":3,\"model\":\"chatterbox-turbo\"}");
                    assertEquals(200, visiting.statusCode(), new String(visiting.body()));
                    assertEquals("chatterbox", json(api.get("/api/public/voice/voices/" + original, key)).getString("model"));
                    HttpResponse<byte[]> french = speak(api, key, original, "{\"text\":\"Bonjour.\",\"language\":\"fr\"}");
                    assertEquals(400, french.statusCode(), new String(french.body()));
                    assertTrue(new String(french.body()).contains("the model chatterbox speaks English (en) only, not 'fr'"),
                            new String(french.body()));
                }
            }
        } finally {
            TempDirs.delete(models);
        }
    }

    /** A voice cloned without naming a model: the deployment's default, on the main node. */
    private static String cloneWithTheDefaultModel(Api api, String key) throws Exception {
        HttpResponse<String> accepted = api.upload(key, Map.of("voiceName", "High quality", "testText", "Hello there.",
                "cfgWeight", "0.5", "seed", "7"), Media.file("chatterbox-reference", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject done = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3));
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals("chatterbox", done.getString("model"), done.toString());
        JsonObject worker = done.getJsonObject("workerInfo");
        assertEquals("chatterbox", worker.getString("engine"));
        assertEquals("chatterbox", worker.getString("modelId"));
        assertEquals("it-chatterbox", worker.getString("node"));
        assertEquals("high", worker.getString("qualityTier"));
        assertEquals("CPU", worker.getString("executionProvider"));

        String voiceId = done.getString("voiceId");
        JsonObject voice = json(api.get("/api/public/voice/voices/" + voiceId, key));
        assertEquals("high", voice.getString("qualityTier"));
        assertEquals("chatterbox", voice.getString("model"));
        HttpResponse<byte[]> wav = speak(api, key, voiceId, "{\"text\":\"Speak now.\",\"seed\":3}");
        assertEquals(200, wav.statusCode(), new String(wav.body()));
        long millis = Long.parseLong(wav.headers().firstValue("X-Audio-Duration-Ms").orElseThrow());
        assertTrue(millis > 1000, "expected about 40 ms per generated token, got " + millis + " ms");
        return voiceId;
    }

    /** A voice cloned with Turbo, named in the form, on the Turbo node; a model no worker holds is refused first. */
    private static String cloneWithTurbo(Api api, String key) throws Exception {
        HttpResponse<String> refused = api.upload(key, Map.of("voiceName", "Multilingual", "model", "chatterbox-multilingual"),
                Media.file("multilingual-reference", MediaType.WAV, Media.speech()));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("model must be one the workers here hold: chatterbox, chatterbox-turbo"), refused.body());

        HttpResponse<String> accepted = api.upload(key, Map.of("voiceName", "Turbo", "testText", "Hello there. [laugh]",
                "seed", "7", "exaggeration", "1.2", "model", "chatterbox-turbo"), Media.file("turbo-reference", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject done = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3));
        assertEquals("completed", done.getString("status"), done.toString());
        JsonObject worker = done.getJsonObject("workerInfo");
        assertEquals("it-turbo-worker", worker.getString("node"), done.toString());
        assertEquals("chatterbox-turbo", worker.getString("modelId"));
        assertTrue(worker.getString("model").startsWith("ResembleAI/chatterbox-turbo-ONNX"), done.toString());
        // Turbo has no exaggeration: said so, not dropped without a word.
        assertEquals(List.of("exaggeration"), done.getJsonArray("ignoredSettings").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());

        String voiceId = done.getString("voiceId");
        assertEquals("chatterbox-turbo", json(api.get("/api/public/voice/voices/" + voiceId, key)).getString("model"));
        HttpResponse<byte[]> wav = speak(api, key, voiceId, "{\"text\":\"[chuckle] Speak now.\",\"seed\":3,\"cfgWeight\":1.5}");
        assertEquals(200, wav.statusCode(), new String(wav.body()));
        assertTrue(Long.parseLong(wav.headers().firstValue("X-Audio-Duration-Ms").orElseThrow()) > 1000);
        assertEquals("exaggeration, cfgWeight", wav.headers().firstValue("X-Ignored-Settings").orElse(null));
        return voiceId;
    }

    private static HttpResponse<byte[]> speak(Api api, String key, String voiceId, String body) throws Exception {
        return api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key, body, "audio/wav");
    }

    private static void assertRefusedByTurbo(HttpResponse<byte[]> refused) {
        String problem = new String(refused.body());
        assertEquals(400, refused.statusCode(), problem);
        assertTrue(problem.contains("does not know the tag [yodel]") && problem.contains("[laugh]"), problem);
    }

    /** Waits until the worker list shows a live node for each model. */
    private static void awaitModels(Api api, String... models) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Set<String> held = Set.of();
        while (System.nanoTime() < deadline) {
            held = ((JsonArray) Api.parseStructure(api.get("/api/admin/workers", VoxCloneStack.ADMIN_KEY).body())).stream()
                    .map(JsonValue::asJsonObject).filter(w -> w.getBoolean("alive"))
                    .flatMap(w -> w.getJsonArray("models").getValuesAs(JsonString.class).stream().map(JsonString::getString))
                    .collect(Collectors.toSet());
            if (held.containsAll(List.of(models))) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("expected live workers holding " + List.of(models) + ", saw " + held);
    }
}
