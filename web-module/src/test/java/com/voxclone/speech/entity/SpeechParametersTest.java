package com.voxclone.speech.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.OutputFormat;
import com.voxclone.platform.entity.Violation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests as OpenAI's clients send them, checked with the parameter each problem is about. */
class SpeechParametersTest {

    private static SpeechParameters.Parsed parse(String json) {
        JsonObject body = Json.createReader(new StringReader(json)).readObject();
        return SpeechParameters.parse(body, 100);
    }

    private static List<String> fields(SpeechParameters.Parsed parsed) {
        return parsed.violations().stream().map(Violation::field).toList();
    }

    @Test
    void aMinimalRequestGetsOpenAisDefaults() {
        SpeechParameters p = parse("{\"model\":\"tts-1\",\"input\":\"Hello.\",\"voice\":\"alloy\"}").parameters();

        assertEquals(OutputFormat.MP3, p.format());
        assertEquals(1.0, p.tempo());
        assertFalse(p.sse());
        assertTrue(p.stream());
        assertTrue(p.settings().isEmpty());
    }

    @Test
    void everyProblemIsNamedByItsParameter() {
        SpeechParameters.Parsed parsed = parse("{\"model\":\"whisper-1\",\"input\":\"\",\"response_format\":\"ogg\","
                + "\"speed\":4.5,\"stream_format\":\"chunks\",\"language\":\"tlh\",\"cfg_weight\":9}");

        assertNull(parsed.parameters());
        // The model is checked later, against the models the workers hold (ModelChoice).
        assertEquals(List.of("input", "voice", "response_format", "speed", "stream_format", "cfg_weight", "language"),
                fields(parsed));
    }

    @Test
    void theAliasesSpeakWithTheVoicesOwnModelAndAnyOtherNameIsAModelOfVoxClonesOwn() {
        assertNull(parse("{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"v\"}").parameters().voiceModel());
        assertNull(parse("{\"model\":\"voxclone\",\"input\":\"Hi.\",\"voice\":\"v\"}").parameters().voiceModel());
        assertEquals("chatterbox-turbo", parse("{\"model\":\"chatterbox-turbo\",\"input\":\"Hi.\",\"voice\":\"v\"}")
                .parameters().voiceModel());
    }

    @Test
    void voxCloneSettingsAndStreamingChoicesAreRead() {
        SpeechParameters p = parse("{\"model\":\"voxclone\",\"input\":\"Hi.\",\"voice\":\"v\",\"response_format\":\"pcm\","
                + "\"speed\":0.25,\"stream_format\":\"sse\",\"stream\":false,\"exaggeration\":0.7,\"cfg_weight\":0.6,"
                + "\"temperature\":0.5,\"seed\":42,\"instructions\":\"Calm.\",\"language\":\"en\",\"user\":\"ignored\"}").parameters();

        assertEquals(OutputFormat.PCM, p.format());
        assertEquals(0.25, p.tempo());
        assertTrue(p.sse());
        assertFalse(p.stream());
        assertEquals("0.6", p.settings().get("cfgWeight"));
        assertEquals("42", p.settings().get("seed"));
    }

    @Test
    void theInputLimitCountsCharactersNotBytes() {
        String hundred = "ü".repeat(100);
        assertTrue(parse("{\"model\":\"tts-1\",\"voice\":\"v\",\"input\":\"" + hundred + "\"}").violations().isEmpty());
        assertEquals(List.of("input"), fields(parse("{\"model\":\"tts-1\",\"voice\":\"v\",\"input\":\"" + hundred + "x\"}")));
    }
}
