package com.voxclone.it;

import static com.voxclone.it.Api.ONBOARDING;
import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.entity.MediaType;
import com.voxclone.audio.entity.PcmAudio;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every output carries the watermark: each response format of the OpenAI-compatible endpoint, the test sentence and a
 * conversion; the detector finds it after the transformations a clip meets in the wild (lossy codecs, resampling,
 * gain, cropping, noise; made here with the ffmpeg command-line tool), does not find it in real recordings, and leads
 * administrators, and only them, to the output's audit event.
 */
@ExtendWith(SharedStack.class)
@Order(9)
class WatermarkIT {

    static final String DETECT = "/api/public/voice/watermark/detect";
    private static final String TEXT = "The quarterly figures are ready. Revenue grew in every region except the north, "
            + "where the weather delayed shipments for three weeks in a row.";

    private static Api api;
    private static String key;
    private static String voiceId;
    private static Path dir;

    @BeforeAll
    static void voice() throws Exception {
        api = SharedStack.api();
        key = api.createUser("Watermarked");
        var accepted = api.upload(key, Map.of("voiceName", "Watermarked"), Media.file("watermarked", MediaType.WAV, Media.speech()));
        voiceId = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3)).getString("voiceId");
        dir = TempDirs.createForRun("watermark");
    }

    private static byte[] speech(String format) throws Exception {
        HttpResponse<byte[]> r = api.postJsonForBytes("/v1/audio/speech", key, "{\"model\":\"voxclone\",\"voice\":\"" + voiceId
                + "\",\"input\":\"" + TEXT + "\",\"response_format\":\"" + format + "\"}", null);
        assertEquals(200, r.statusCode(), format + ": " + new String(r.body()));
        return r.body();
    }

    private static JsonObject detect(String as, byte[] file, String name) throws Exception {
        HttpResponse<String> r = api.multipart(DETECT, as, Map.of(), file, name, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), name + ": " + r.body());
        return json(r);
    }

    @Test
    void everyFormatCarriesTheWatermarkAndOnlyAdministratorsLearnWhichOutputItIs() throws Exception {
        Map<String, String> formats = new LinkedHashMap<>(Map.of("mp3", ".mp3", "opus", ".ogg", "aac", ".aac", "flac", ".flac"));
        formats.put("wav", ".wav");
        for (var format : formats.entrySet()) {
            JsonObject found = detect(key, speech(format.getKey()), "speech" + format.getValue());
            assertTrue(found.getBoolean("watermarked"), format.getKey() + ": " + found);
            assertTrue(found.getJsonNumber("confidence").doubleValue() > 0.999, found.toString());
            assertFalse(found.containsKey("watermarkId"), "users learn that it is synthetic, not whose: " + found);
        }
        // Raw PCM (16-bit, 24 kHz, mono) has no container: wrapped in a WAV header it is examined like any file.
        assertTrue(detect(key, wav16(speech("pcm"), 24_000), "speech.wav").getBoolean("watermarked"));

        JsonObject seen = detect(VoxCloneStack.ADMIN_KEY, speech("wav"), "speech.wav");
        long watermarkId = seen.getJsonNumber("watermarkId").longValue();
        JsonArray records = seen.getJsonArray("records");
        assertEquals(1, records.size(), seen.toString());
        JsonObject record = records.getJsonObject(0);
        assertEquals("synthesis", record.getString("action"));
        assertEquals("openai", record.getString("wayIn"));
        assertEquals(voiceId, record.getString("voiceId"));
        assertEquals(watermarkId, record.getJsonNumber("watermarkId").longValue());
        // The same event found by its watermark id in the audit search.
        HttpResponse<String> search = api.get("/api/admin/audit?watermarkId=" + watermarkId, VoxCloneStack.ADMIN_KEY);
        assertEquals(200, search.statusCode(), search.body());
        assertEquals(record.getJsonNumber("id"), Api.parseStructure(search.body()).asJsonArray().getJsonObject(0).getJsonNumber("id"));
    }

    @Test
    void theTestSentenceAndConversionsAreWatermarked() throws Exception {
        // A test sentence is short (at most 60 characters, about 4 s of speech): enough to find the watermark.
        HttpResponse<byte[]> test = api.postJsonForBytes(ONBOARDING + "/test/" + voiceId, key,
                "{\"text\":\"The quarterly figures are ready and revenue grew again.\"}", null);
        assertEquals(200, test.statusCode(), new String(test.body()));
        JsonObject spoken = detect(key, test.body(), "test.mp3");
        assertTrue(spoken.getBoolean("watermarked"), spoken.toString());

        Path source = Media.file("to-convert", MediaType.WAV, Media.speech());
        HttpResponse<byte[]> converted = api.multipart("/api/public/voice/voices/" + voiceId + "/convert", key, Map.of(),
                Files.readAllBytes(source), "to-convert.wav", HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, converted.statusCode(), new String(converted.body()));
        JsonObject conversion = detect(VoxCloneStack.ADMIN_KEY, converted.body(), "converted.mp3");
        assertTrue(conversion.getBoolean("watermarked"), conversion.toString());
        assertEquals("conversion", conversion.getJsonArray("records").getJsonObject(0).getString("action"), conversion.toString());
        // The recording that was converted is not synthetic.
        assertFalse(detect(key, Files.readAllBytes(source), "to-convert.wav").getBoolean("watermarked"));
    }

    @Test
    void realRecordingsAreNotWatermarked() throws Exception {
        List<Path> real;
        try (Stream<Path> files = Files.list(Path.of("/usr/share/pocketsphinx/test/data/librivox"))) {
            real = files.filter(f -> f.toString().endsWith(".wav")).sorted().toList();
        }
        assertFalse(real.isEmpty(), "the package pocketsphinx-testdata holds the real recordings");
        for (Path recording : real) {
            JsonObject found = detect(VoxCloneStack.ADMIN_KEY, Files.readAllBytes(recording), recording.getFileName().toString());
            assertFalse(found.getBoolean("watermarked"), recording + ": " + found);
            assertFalse(found.containsKey("watermarkId"), found.toString());
        }
    }

    @Test
    void theWatermarkSurvivesWhatAClipMeetsInTheWild() throws Exception {
        Path original = dir.resolve("original.wav");
        Files.write(original, speech("wav"));
        Map<String, List<String>> transformations = new LinkedHashMap<>();
        transformations.put("mp3-160k.mp3", List.of("-c:a", "libmp3lame", "-b:a", "160k"));
        transformations.put("mp3-128k.mp3", List.of("-c:a", "libmp3lame", "-b:a", "128k"));
        transformations.put("opus-64k.ogg", List.of("-c:a", "libopus", "-b:a", "64k"));
        transformations.put("aac-96k.m4a", List.of("-c:a", "aac", "-b:a", "96k"));
        transformations.put("resampled-16k.wav", List.of("-ar", "16000"));
        transformations.put("gain-plus-6db.wav", List.of("-af", "volume=6dB"));
        transformations.put("gain-minus-6db.wav", List.of("-af", "volume=-6dB"));
        transformations.put("cropped-3s.wav", List.of("-ss", "1.3", "-t", "3"));
        List<String> missed = new ArrayList<>();
        for (var t : transformations.entrySet()) {
            Path out = dir.resolve(t.getKey());
            ffmpeg(original, t.getValue(), out);
            JsonObject found = detect(key, Files.readAllBytes(out), t.getKey());
            if (!found.getBoolean("watermarked")) {
                missed.add(t.getKey() + " " + found);
            }
        }
        // White noise 20 dB below the speech's power.
        PcmAudio speech = new AudioPipeline().decode(original, 24_000);
        double power = 0;
        for (float s : speech.samples()) {
            power += s * s;
        }
        double deviation = Math.sqrt(power / speech.samples().length / 100);
        Random random = new Random(20);
        float[] noisy = speech.samples().clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (random.nextGaussian() * deviation);
        }
        JsonObject found = detect(key, new AudioPipeline().toWav(new PcmAudio(noisy, 24_000)), "noise-20db.wav");
        if (!found.getBoolean("watermarked")) {
            missed.add("noise-20db " + found);
        }
        assertEquals(List.of(), missed);
    }

    @Test
    void aRequestWithoutARecordingIsToldWhatToSend() throws Exception {
        HttpResponse<String> r = api.multipart(DETECT, key, Map.of("note", "x"), (byte[]) null, null, HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(r.body().contains("'file'"), r.body());
        HttpResponse<String> text = api.multipart(DETECT, key, Map.of(), "just words".getBytes(), "notes.txt",
                HttpResponse.BodyHandlers.ofString());
        assertTrue(text.statusCode() == 415 || text.statusCode() == 422, text.body());
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    /** 16-bit mono little-endian PCM with the 44-byte WAV header in front (written out here, independent of the product). */
    private static byte[] wav16(byte[] pcm, int rate) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + pcm.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + pcm.length).put("WAVEfmt ".getBytes()).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(pcm.length).put(pcm);
        return b.array();
    }

    private static void ffmpeg(Path in, List<String> options, Path out) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", in.toString()));
        command.addAll(options);
        command.add(out.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
    }
}
