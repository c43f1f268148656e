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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            // Turbo's stops at 500: the prompt (up to 376 voice rows and the text) and the rest speech. Its tokens also depend on
            // what its cache holds, so that requests batched together show whether each kept its own.
            StandInModels.writeTurboDirectory(models.resolve("chatterbox-turbo"), new StandInModels.Spec(8, 2, 4, 24, 500, false, "", -1)
                    .readingTheCache(), StandInModels.EXTERNAL_FROM_BYTES);
            try (VoxCloneStack main = VoxCloneStack.embedded("chatterbox", Map.of(
                    "VOXCLONE_ENGINE", "chatterbox",
                    "VOXCLONE_MODELS_DIR", models.toString(),
                    "VOXCLONE_ENGINE_PROVIDER", "cpu")).start()) {
                VoxCloneStack turbo = VoxCloneStack.workerFor(main, "turbo");
                turbo.setting("VOXCLONE_ENGINE", "chatterbox");
                turbo.setting("VOXCLONE_MODEL", "chatterbox-turbo");
                turbo.setting("VOXCLONE_MODELS_DIR", models.toString());
                turbo.setting("VOXCLONE_ENGINE_PROVIDER", "cpu");
                // Three requests on the device at once, their language-model steps batched; decoder calls of the same
                // shape that wait for the one free call share it.
                turbo.setting("VOXCLONE_ENGINE_CONCURRENCY", "3");
                turbo.setting("VOXCLONE_CHATTERBOX_CONCURRENT_CALLS", "1");
                turbo.setting("VOXCLONE_CHATTERBOX_DECODER_BATCH_SIZE", "3");
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
                    speakTogetherAsAlone(api, key, turboVoice, turbo);
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

    /**
     * Requests spoken at once on the Turbo node share its batches, and each gives the audio it gives alone with the same
     * seed. Every output carries its own watermark, so the samples are compared by correlation: the same speech tokens
     * under two watermarks correlate above 0.999 (measured: 0.99999), other tokens do not (0.84 with misplaced
     * caches). Requests that happen not to overlap are sent again, a few times at most, until the node's figures show
     * a shared step.
     */
    private static void speakTogetherAsAlone(Api api, String key, String voiceId, VoxCloneStack turbo) throws Exception {
        List<String> bodies = List.of("{\"text\":\"Speak now, please.\",\"seed\":11}",
                "{\"text\":\"[chuckle] Well then, here we go again.\",\"seed\":12}",
                "{\"text\":\"Hello there, how are you?\",\"seed\":13}");
        List<byte[]> alone = new ArrayList<>();
        for (String body : bodies) {
            HttpResponse<byte[]> wav = speak(api, key, voiceId, body);
            assertEquals(200, wav.statusCode(), new String(wav.body()));
            alone.add(wav.body());
        }
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            for (int round = 1; round <= 5 && figure(turbo, "voxclone_engine_batched_largest") < 2; round++) {
                CyclicBarrier together = new CyclicBarrier(bodies.size());
                List<Future<HttpResponse<byte[]>>> spoken = new ArrayList<>();
                for (String body : bodies) {
                    spoken.add(pool.submit(() -> {
                        together.await();
                        return speak(api, key, voiceId, body);
                    }));
                }
                for (int i = 0; i < bodies.size(); i++) {
                    HttpResponse<byte[]> wav = spoken.get(i).get();
                    assertEquals(200, wav.statusCode(), new String(wav.body()));
                    double correlation = correlation(samples(alone.get(i)), samples(wav.body()));
                    assertTrue(correlation > 0.999, "request " + i + " in round " + round + " sounds as it does alone: correlation " + correlation);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(figure(turbo, "voxclone_engine_batched_largest") >= 2, "the Turbo node batched requests together");
        assertTrue(figure(turbo, "voxclone_engine_decoder_batched_requests") >= 6, "the Turbo node counts its decoder calls");
    }

    /** The 16-bit samples of a WAV file's data chunk. */
    private static short[] samples(byte[] wav) {
        int data = 12;
        while (!new String(wav, data, 4, StandardCharsets.US_ASCII).equals("data")) {
            data += 8 + ByteBuffer.wrap(wav, data + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
        ShortBuffer pcm = ByteBuffer.wrap(wav, data + 8, wav.length - data - 8).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] out = new short[pcm.remaining()];
        pcm.get(out);
        return out;
    }

    /** Pearson correlation of two recordings, over the shorter one's length. */
    private static double correlation(short[] a, short[] b) {
        int n = Math.min(a.length, b.length);
        assertTrue(Math.abs(a.length - b.length) < 2400, "lengths " + a.length + " and " + b.length);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** One of the Turbo engine's batching figures at the node's /metrics (0 when absent). */
    private static long figure(VoxCloneStack node, String name) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUri() + "/metrics?scope=application"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*model=\"chatterbox-turbo\"[^}]*} ([0-9.]+)").matcher(metrics.body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
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
