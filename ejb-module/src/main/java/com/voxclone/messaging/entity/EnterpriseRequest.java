package com.voxclone.messaging.entity;

import com.voxclone.platform.entity.JsonDepth;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request of an enterprise system on {@value Destinations#REQUESTS}, sent with its own broker account. The string
 * property {@value #KIND} says what is asked:
 * <ul>
 *   <li>{@code clone} as a TextMessage: the JSON body of {@code POST /api/public/voice/import/clone} ({@code url} or
 *       {@code urls}, {@code voiceName}, settings...);</li>
 *   <li>{@code clone} as a BytesMessage: the recording itself, with the upload form's fields ({@code voiceName},
 *       {@code testText}, settings, {@code segmentStart}...) as string properties;</li>
 *   <li>{@code speech} as a TextMessage: the JSON body of {@code POST /v1/audio/speech} ({@code input}, {@code voice},
 *       {@code response_format}, {@code speed}, settings...).</li>
 * </ul>
 * The optional string property {@value #IDEMPOTENCY_KEY} works like the HTTP header {@code Idempotency-Key}. Who sent
 * the request is read from the broker's validated user ({@value #VALIDATED_USER}), never from the message itself.
 */
public record EnterpriseRequest(Kind kind, String sender, Optional<String> idempotencyKey, JsonObject body,
                                Map<String, String> fields, Optional<BytesMessage> recording) {

    public static final String KIND = "request";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** Set by the broker on every message (populate-validated-user): the account that sent it. */
    public static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";

    /** Properties that belong to the contract or the broker, never clone form fields. */
    private static final Set<String> NOT_FIELDS = Set.of(KIND, IDEMPOTENCY_KEY, MessageContract.VERSION_PROPERTY);

    public enum Kind {
        CLONE("clone"), SPEECH("speech");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    /** What a message on the request queue turned out to be: a request, or something no request can be read from. */
    public sealed interface Read permits Readable, Unreadable {
    }

    public record Readable(EnterpriseRequest request) implements Read {
    }

    /** Why the message cannot be read, for the error reply; {@code tooLarge} for a size limit. */
    public record Unreadable(String reason, boolean tooLarge) implements Read {
    }

    /**
     * Reads a message of the request queue.
     *
     * @param maxRecordingBytes the largest recording a clone request may carry
     * @param maxTextCharacters the longest JSON body a request may have
     */
    public static Read read(Message message, long maxRecordingBytes, int maxTextCharacters) {
        try {
            if (!MessageContract.understood(message)) {
                return unreadable("the message is of contract version " + message.getObjectProperty(MessageContract.VERSION_PROPERTY)
                        + "; this server reads version " + MessageContract.VERSION + " and earlier");
            }
            String kindText = message.getStringProperty(KIND);
            Optional<Kind> kind = kindOf(kindText);
            if (kind.isEmpty()) {
                return unreadable("the string property '" + KIND + "' must be 'clone' or 'speech', was "
                        + (kindText == null ? "missing" : "'" + kindText + "'"));
            }
            String sender = message.getStringProperty(VALIDATED_USER);
            if (sender == null) {
                return unreadable("the broker did not say who sent the message (populate-validated-user must be on)");
            }
            Optional<String> key = Optional.ofNullable(message.getStringProperty(IDEMPOTENCY_KEY));
            if (message instanceof TextMessage text) {
                return body(text, maxTextCharacters).<Read>map(body ->
                        new Readable(new EnterpriseRequest(kind.get(), sender, key, body, Map.of(), Optional.empty())))
                        .orElseGet(() -> unreadable("the body must be one JSON object of at most " + maxTextCharacters
                                + " characters"));
            }
            if (message instanceof BytesMessage bytes && kind.get() == Kind.CLONE) {
                long length = bytes.getBodyLength();
                if (length == 0) {
                    return unreadable("the message carries no recording");
                }
                if (length > maxRecordingBytes) {
                    return new Unreadable("the recording is " + length + " bytes; at most " + maxRecordingBytes + " are accepted", true);
                }
                return new Readable(new EnterpriseRequest(kind.get(), sender, key, JsonValue.EMPTY_JSON_OBJECT, fields(message),
                        Optional.of(bytes)));
            }
            return unreadable("a '" + kind.get().value() + "' request must be a TextMessage with a JSON body"
                    + (kind.get() == Kind.CLONE ? ", or a BytesMessage with the recording" : ""));
        } catch (JMSException e) {
            return unreadable("the message's properties could not be read: " + e.getMessage());
        }
    }

    private static Unreadable unreadable(String reason) {
        return new Unreadable(reason, false);
    }

    private static Optional<Kind> kindOf(String text) {
        for (Kind k : Kind.values()) {
            if (k.value.equals(text)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> body(TextMessage message, int maxCharacters) throws JMSException {
        String text = message.getText();
        if (text == null || text.length() > maxCharacters || JsonDepth.tooDeep(text)) {
            return Optional.empty();
        }
        try (var reader = Json.createReader(new StringReader(text))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The clone form's fields: every string property that is not the contract's or the broker's own. */
    private static Map<String, String> fields(Message message) throws JMSException {
        Map<String, String> fields = new LinkedHashMap<>();
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement().toString();
            if (!NOT_FIELDS.contains(name) && !name.startsWith("JMS") && !name.startsWith("_AMQ")
                    && message.getObjectProperty(name) instanceof String value) {
                fields.put(name, value);
            }
        }
        return fields;
    }
}
