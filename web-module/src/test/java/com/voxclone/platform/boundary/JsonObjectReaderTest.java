package com.voxclone.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON bodies that are not objects are refused with 400 and what was wrong, never a server error. */
class JsonObjectReaderTest {

    private final JsonObjectReader reader = new JsonObjectReader();

    private JsonObject read(String body) throws Exception {
        return reader.readFrom(JsonObject.class, JsonObject.class, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String refusal(Problem p, int status) {
        assertEquals(status, p.getResponse().getStatus());
        return p.getMessage();
    }

    @Test
    void anObjectIsRead() throws Exception {
        assertEquals("Ada", read("{\"name\":\"Ada\"}").getString("name"));
    }

    @Test
    void anEmptyBodyIsNoObject() throws Exception {
        assertNull(read(""));
        assertNull(read("  \n"));
    }

    @Test
    void anArrayOrBrokenJsonIsRefused() {
        assertTrue(refusal(assertThrows(Problem.class, () -> read("[]")), 400).contains("not a JSON array"));
        assertTrue(refusal(assertThrows(Problem.class, () -> read("42")), 400).contains("not a JSON number"));
        assertTrue(refusal(assertThrows(Problem.class, () -> read("{\"name\":")), 400).contains("not valid JSON"));
    }

    @Test
    void aHugeBodyIsRefusedWithoutBeingReadWhole() {
        String huge = "{\"x\":\"" + "a".repeat(JsonObjectReader.MAX_BYTES) + "\"}";
        refusal(assertThrows(Problem.class, () -> read(huge)), 413);
    }

    @Test
    void aDeeplyNestedBodyIsABadRequestNotAServerError() throws Exception {
        // The JSON parser gives up past 1,000 levels with a plain RuntimeException, which would be a 500.
        String deep = "{\"a\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        assertTrue(refusal(assertThrows(Problem.class, () -> read(deep)), 400).contains("nested more than " + JsonObjectReader.MAX_DEPTH));
        String justDeepEnough = "{\"a\":" + "[".repeat(JsonObjectReader.MAX_DEPTH - 1) + "]".repeat(JsonObjectReader.MAX_DEPTH - 1) + "}";
        assertEquals(1, read(justDeepEnough).size());
        // Brackets inside strings are text, not nesting.
        assertEquals("[[[{{{", read("{\"text\":\"[[[{{{\", \"quote\":\"\\\"[\"}").getString("text"));
    }
}
