package com.voxclone.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What makes two requests the same for an Idempotency-Key: content, not the order it was sent in. */
class IdempotencyTest {

    @TempDir
    Path dir;

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void jsonMembersInAnotherOrderAreTheSameRequest() {
        assertEquals(Idempotency.of(json("{\"url\":\"https://a\",\"voiceName\":\"Ada\",\"n\":[1,{\"b\":2,\"a\":1}]}")),
                Idempotency.of(json("{\"n\":[1,{\"a\":1,\"b\":2}],\"voiceName\":\"Ada\",\"url\":\"https://a\"}")));
        assertNotEquals(Idempotency.of(json("{\"n\":[1,2]}")), Idempotency.of(json("{\"n\":[2,1]}")), "arrays keep their order");
        assertNotEquals(Idempotency.of(json("{\"a\":\"1\"}")), Idempotency.of(json("{\"a\":1}")), "a string is not a number");
    }

    @Test
    void formFieldsInAnyOrderAndTheSameBytesAreTheSameRequest() throws Exception {
        Path one = Files.write(dir.resolve("one.wav"), new byte[] {1, 2, 3});
        Path same = Files.write(dir.resolve("same.wav"), new byte[] {1, 2, 3});
        Path other = Files.write(dir.resolve("other.wav"), new byte[] {1, 2, 4});
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("voiceName", "Ada");
        fields.put("seed", "7");
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("seed", "7");
        reversed.put("voiceName", "Ada");

        assertEquals(Idempotency.of(fields, one), Idempotency.of(reversed, same));
        assertNotEquals(Idempotency.of(fields, one), Idempotency.of(fields, other));
        assertNotEquals(Idempotency.of(fields, List.of(one, other)), Idempotency.of(fields, List.of(other, one)), "files keep their order");
        assertEquals(64, Idempotency.of(fields, one).length());
    }
}
