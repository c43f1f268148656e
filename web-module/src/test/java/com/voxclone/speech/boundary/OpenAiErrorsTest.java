package com.voxclone.speech.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Problem details become OpenAI's error object, with the type its clients map to an exception class. */
class OpenAiErrorsTest {

    private static JsonObject error(Response problem) {
        JsonObject body = Json.createReader(new StringReader((String) problem.getEntity())).readObject();
        return OpenAiErrors.error(body, problem.getStatus()).getJsonObject("error");
    }

    @Test
    void anInvalidFieldNamesItsParameter() {
        JsonObject e = error(Problem.invalidFields(List.of(new Violation("speed", "speed must be between 0.25 and 4.0"))).getResponse());

        assertEquals("speed must be between 0.25 and 4.0", e.getString("message"));
        assertEquals("invalid_request_error", e.getString("type"));
        assertEquals("speed", e.getString("param"));
        assertEquals("invalid_request", e.getString("code"));
    }

    @Test
    void statusesMapToOpenAisTypes() {
        assertEquals("authentication_error", error(Problem.of(401, "unauthorized", "Unauthorized", "No key.").response()).getString("type"));
        assertEquals("insufficient_quota", error(Problem.of(429, "quota-exceeded", "Quota", "Used up.").response()).getString("type"));
        assertEquals("rate_limit_error", error(Problem.of(429, "rate-limited", "Slow down", "Wait.").response()).getString("type"));
        JsonObject busy = error(Problem.of(503, "busy", "Busy", "Try again.").response());
        assertEquals("server_error", busy.getString("type"));
        assertEquals("busy", busy.getString("code"));
        assertTrue(busy.get("param") == JsonValue.NULL);
    }
}
