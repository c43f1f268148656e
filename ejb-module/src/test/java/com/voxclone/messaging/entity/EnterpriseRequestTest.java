package com.voxclone.messaging.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnterpriseRequestTest {

    private static final long MAX_BYTES = 1000;
    private static final int MAX_TEXT = 100;

    @Test
    void aSpeechRequestIsReadWithItsSenderFromTheBroker() {
        var read = EnterpriseRequest.read(text("{\"input\":\"Hi\"}", props("request", "speech",
                EnterpriseRequest.VALIDATED_USER, "client-1", "idempotencyKey", "k-1")), MAX_BYTES, MAX_TEXT);
        EnterpriseRequest request = assertInstanceOf(EnterpriseRequest.Readable.class, read).request();
        assertEquals(EnterpriseRequest.Kind.SPEECH, request.kind());
        assertEquals("client-1", request.sender());
        assertEquals(Optional.of("k-1"), request.idempotencyKey());
        assertEquals("Hi", request.body().getString("input"));
    }

    @Test
    void aRecordingsFieldsAreItsOwnStringPropertiesOnly() {
        var read = EnterpriseRequest.read(bytes(10, props("request", "clone", EnterpriseRequest.VALIDATED_USER, "client-1",
                "voiceName", "Ada", "idempotencyKey", "k", "contractVersion", 1, "JMSXGroupID", "g", "_AMQ_DUPL_ID", "d")),
                MAX_BYTES, MAX_TEXT);
        EnterpriseRequest request = assertInstanceOf(EnterpriseRequest.Readable.class, read).request();
        assertEquals(Map.of("voiceName", "Ada"), request.fields());
        assertTrue(request.recording().isPresent());
    }

    @Test
    void aRecordingOverTheLimitIsTooLarge() {
        var read = EnterpriseRequest.read(bytes(MAX_BYTES + 1, props("request", "clone", EnterpriseRequest.VALIDATED_USER, "c")),
                MAX_BYTES, MAX_TEXT);
        var unreadable = assertInstanceOf(EnterpriseRequest.Unreadable.class, read);
        assertTrue(unreadable.tooLarge());
        assertTrue(unreadable.reason().contains("1001 bytes"), unreadable.reason());
    }

    @Test
    void whatCannotBeReadSaysWhy() {
        assertReason(text("{}", props(EnterpriseRequest.VALIDATED_USER, "c")), "'request' must be 'clone' or 'speech', was missing");
        assertReason(text("{}", props("request", "dance", EnterpriseRequest.VALIDATED_USER, "c")), "was 'dance'");
        assertReason(text("[1]", props("request", "speech", EnterpriseRequest.VALIDATED_USER, "c")), "one JSON object");
        assertReason(text("{\"input\":\"" + "x".repeat(MAX_TEXT) + "\"}", props("request", "speech",
                EnterpriseRequest.VALIDATED_USER, "c")), "at most 100 characters");
        assertReason(bytes(10, props("request", "speech", EnterpriseRequest.VALIDATED_USER, "c")), "must be a TextMessage");
        // Nested past what the JSON parser takes (it would fail with an error that is not a JSON error): unreadable.
        var deep = EnterpriseRequest.read(text("{\"input\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                props("request", "speech", EnterpriseRequest.VALIDATED_USER, "c")), MAX_BYTES, 20_000);
        assertTrue(assertInstanceOf(EnterpriseRequest.Unreadable.class, deep).reason().contains("one JSON object"), deep.toString());
        assertReason(bytes(0, props("request", "clone", EnterpriseRequest.VALIDATED_USER, "c")), "no recording");
        assertReason(text("{}", props("request", "speech")), "did not say who sent");
        assertReason(text("{}", props("request", "speech", EnterpriseRequest.VALIDATED_USER, "c", "contractVersion", 2)),
                "contract version 2");
    }

    private static void assertReason(Message message, String expected) {
        var unreadable = assertInstanceOf(EnterpriseRequest.Unreadable.class, EnterpriseRequest.read(message, MAX_BYTES, MAX_TEXT));
        assertTrue(unreadable.reason().contains(expected), unreadable.reason());
    }

    private static Map<String, Object> props(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static TextMessage text(String body, Map<String, Object> properties) {
        return fake(TextMessage.class, properties, body, 0);
    }

    private static BytesMessage bytes(long length, Map<String, Object> properties) {
        return fake(BytesMessage.class, properties, null, length);
    }

    /** A message with properties and a body, answering only what the reader asks. */
    private static <T extends Message> T fake(Class<T> type, Map<String, Object> properties, String text, long length) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getText" -> text;
                    case "getBodyLength" -> length;
                    case "propertyExists" -> properties.containsKey((String) args[0]);
                    case "getObjectProperty" -> properties.get((String) args[0]);
                    case "getStringProperty" -> properties.get((String) args[0]) instanceof String s ? s : null;
                    case "getIntProperty" -> ((Number) properties.get((String) args[0])).intValue();
                    case "getPropertyNames" -> Collections.enumeration(properties.keySet());
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
    }
}
