package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAI-compatible speech API, driven by the official OpenAI Java client with nothing changed but its base URL
 * and key: every format decodes (checked with FFmpeg) to the same speech, long text is spoken in pieces and streamed,
 * and errors arrive as the client's own exceptions with OpenAI's error fields.
 */
@ExtendWith(SharedStack.class)
@Order(9)
class OpenAiSpeechIT {

    static final String SHORT = "The quick brown fox jumps over the lazy dog. It was a bright cold day in April.";
    static Api api;
    static String key;
    static String voiceId;
    static OpenAIClient client;

    @BeforeAll
    static void voice() throws Exception {
        api = SharedStack.api();
        key = api.createUser("Speech client");
        var accepted = api.upload(key, Map.of("voiceName", "Narrator"), Media.file("narrator", MediaType.WAV, Media.speech()));
        JsonObject done = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3));
        assertEquals("completed", done.getString("status"), done.toString());
        voiceId = done.getString("voiceId");
        client = client(key);
    }

    static OpenAIClient client(String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(SharedStack.stack().baseUri().resolve("/v1").toString())
                .apiKey(apiKey).maxRetries(0).timeout(Duration.ofMinutes(3)).build();
    }

    /** With a fixed seed: the engine varies its prosody otherwise, and the tests compare lengths across requests. */
    static SpeechCreateParams.Builder speech(String input) {
        return SpeechCreateParams.builder().model("tts-1").voice(voiceId).input(input)
                .putAdditionalBodyProperty("seed", JsonValue.from(7));
    }

    @Test
    void everyFormatHoldsTheSameSpeech() throws Exception {
        double wav = seconds(bytes(speech(SHORT).responseFormat(SpeechCreateParams.ResponseFormat.WAV)), ".wav");
        assertTrue(wav > 2, "the sentences take more than two seconds to say, was " + wav);
        for (var format : List.of(SpeechCreateParams.ResponseFormat.MP3, SpeechCreateParams.ResponseFormat.OPUS,
                SpeechCreateParams.ResponseFormat.AAC, SpeechCreateParams.ResponseFormat.FLAC)) {
            double s = seconds(bytes(speech(SHORT).responseFormat(format)), "." + format.asString().replace("opus", "ogg"));
            // A stream has no room for MP3's LAME header, which tells decoders to drop the encoder's delay and padding.
            assertEquals(wav, s, format == SpeechCreateParams.ResponseFormat.MP3 ? 0.25 : 0.15, format + ": the same speech as the WAV answer");
        }
        byte[] pcm = bytes(speech(SHORT).responseFormat(SpeechCreateParams.ResponseFormat.PCM));
        // 24 kHz, 16-bit, mono, no header: two bytes per sample.
        assertEquals(wav, pcm.length / 2 / 24_000.0, 0.05, "pcm is the WAV's samples without the header");
    }

    @Test
    void longTextIsSpokenInPiecesAndStreamed() throws Exception {
        String text = longText();
        try (HttpResponse r = client.audio().speech().create(speech(text).responseFormat(SpeechCreateParams.ResponseFormat.MP3).build())) {
            assertEquals("audio/mpeg", r.headers().values("Content-Type").get(0));
            assertTrue(r.headers().values("Content-Length").isEmpty(), "a stream has no length in advance");
            double seconds = seconds(r.body().readAllBytes(), ".mp3");
            double one = seconds(bytes(speech(SHORT).responseFormat(SpeechCreateParams.ResponseFormat.MP3)), ".mp3");
            assertTrue(seconds > 4 * one, "all " + text.length() + " characters are spoken: " + seconds + " s against "
                    + one + " s for one of its " + text.length() / SHORT.length() + " repetitions");
        }
    }

    @Test
    void serverSentEventsCarryTheAudioAsItIsMade() throws Exception {
        java.net.http.HttpResponse<byte[]> r = api.postJsonForBytes("/v1/audio/speech", key, "{\"model\":\"voxclone\",\"voice\":\""
                + voiceId + "\",\"input\":\"" + longText() + "\",\"response_format\":\"wav\",\"stream_format\":\"sse\"}", "text/event-stream");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.statusCode(), body);
        List<JsonObject> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith("data: ")) {
                events.add((JsonObject) Api.parseStructure(block.substring(6)));
            }
        }
        List<JsonObject> deltas = events.stream().filter(e -> e.getString("type").equals("speech.audio.delta")).toList();
        assertTrue(deltas.size() > 2, "audio leaves piece by piece, not at the end: " + deltas.size() + " deltas");
        assertEquals("speech.audio.done", events.get(events.size() - 1).getString("type"));
        var all = new java.io.ByteArrayOutputStream();
        for (JsonObject d : deltas) {
            all.write(Base64.getDecoder().decode(d.getString("audio")));
        }
        double seconds = seconds(all.toByteArray(), ".wav");
        long reported = events.get(events.size() - 1).getJsonObject("usage").getJsonNumber("output_audio_ms").longValue();
        assertEquals(reported / 1000.0, seconds, 0.05, "the deltas together are the whole speech");
    }

    @Test
    void aCompleteFileHasItsLengthAndExactHeaders() throws Exception {
        try (HttpResponse r = client.audio().speech().create(speech(SHORT).responseFormat(SpeechCreateParams.ResponseFormat.WAV)
                .putAdditionalBodyProperty("stream", JsonValue.from(false)).build())) {
            byte[] wav = r.body().readAllBytes();
            assertEquals(Long.toString(wav.length), r.headers().values("Content-Length").get(0));
            ByteBuffer header = ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(wav.length - 8, header.getInt(4), "RIFF size");
            assertEquals(wav.length - 44, header.getInt(40), "data size");
        }
    }

    @Test
    void speedChangesTheTempo() throws Exception {
        double normal = seconds(bytes(speech(SHORT).responseFormat(SpeechCreateParams.ResponseFormat.WAV)), ".wav");
        double fast = seconds(bytes(speech(SHORT).responseFormat(SpeechCreateParams.ResponseFormat.WAV).speed(2.0)), ".wav");
        assertEquals(normal / 2, fast, normal * 0.05, "twice as fast takes half the time");
    }

    @Test
    void aVoiceCanBeNamedAndModelsAreListed() throws Exception {
        double byName = seconds(bytes(SpeechCreateParams.builder().model("voxclone").voice("narrator").input(SHORT)
                .putAdditionalBodyProperty("seed", JsonValue.from(7)).responseFormat(SpeechCreateParams.ResponseFormat.WAV)), ".wav");
        assertTrue(byName > 2, "spoken with the voice named 'Narrator'");
        List<String> models = new ArrayList<>();
        client.models().list().autoPager().forEach(m -> models.add(m.id()));
        // The aliases, and the model the shared stack's worker holds.
        assertTrue(models.containsAll(List.of("voxclone", "tts-1", "tts-1-hd", "offline")), models.toString());
    }

    @Test
    void errorsArriveInOpenAisShape() {
        NotFoundException unknown = assertThrows(NotFoundException.class,
                () -> bytes(SpeechCreateParams.builder().model("tts-1").voice("nobody").input("Hi.")));
        assertEquals("voice_not_found", unknown.code().orElse(""), unknown.getMessage());
        BadRequestException format = assertThrows(BadRequestException.class, () -> bytes(speech("Hi.")
                .responseFormat(SpeechCreateParams.ResponseFormat.of("ogg-vorbis"))));
        assertEquals("response_format", format.param().orElse(""));
        assertEquals("invalid_request_error", format.type().orElse(""));
        BadRequestException model = assertThrows(BadRequestException.class, () -> bytes(speech("Hi.").model("chatterbox-turbo")));
        assertEquals("model", model.param().orElse(""));
        assertTrue(model.getMessage().contains("model must be one the workers here hold: offline, or voxclone"), model.getMessage());
        BadRequestException speed = assertThrows(BadRequestException.class, () -> bytes(speech("Hi.").speed(5.0)));
        assertEquals("speed", speed.param().orElse(""));
        OpenAIServiceException wrongKey = assertThrows(UnauthorizedException.class,
                () -> client("vxc_not-a-key").audio().speech().create(speech("Hi.").build()).close());
        assertEquals(401, wrongKey.statusCode());
    }

    @Test
    void aUsedUpAllowanceIsARateLimitError() throws Exception {
        String other = api.createUser("Out of speech");
        String userId = json(api.get("/api/public/account", other)).getString("userId");
        assertEquals(200, api.putJson("/api/admin/users/" + userId + "/quotas", VoxCloneStack.ADMIN_KEY,
                "{\"synthesisSecondsPerDay\":0}").statusCode());
        RateLimitException refused = assertThrows(RateLimitException.class,
                () -> client(other).audio().speech().create(speech("Hi.").build()).close());
        // The voice belongs to someone else, but the allowance is checked first: nothing is spoken past it.
        assertEquals("insufficient_quota", refused.type().orElse(""), refused.getMessage());
    }

    private static String longText() {
        return (SHORT + " ").repeat(8).strip();
    }

    private static byte[] bytes(SpeechCreateParams.Builder params) throws IOException {
        try (HttpResponse r = client.audio().speech().create(params.build()); InputStream in = r.body()) {
            return in.readAllBytes();
        }
    }

    /** The length of encoded audio, as FFmpeg decodes it. */
    static double seconds(byte[] encoded, String suffix) throws IOException {
        Path file = Files.createTempFile(Media.dir(), "speech-", suffix);
        Files.write(file, encoded);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            long samples = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                // Mono: one buffer whose length is the number of samples, planar or not.
                samples += frame.samples[0].limit();
            }
            return samples / (double) grabber.getSampleRate();
        }
    }
}
