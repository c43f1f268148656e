package com.voxclone.messaging.entity;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.platform.boundary.InvalidInputException;
import com.voxclone.platform.entity.Violation;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.json.JsonException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A request to a worker on {@value Destinations#SYNTHESIS}, answered with {@link SpeechReply} messages on the
 * request's JMSReplyTo (which the sender sets).
 *
 * <ul>
 *   <li>{@link Speak}: a MapMessage with {@value #USER_ID}, {@value #VOICE_ID}, {@value #TEXT} and {@value #SETTINGS}
 *       (the voice settings as JSON; absent fields take the voice's defaults).</li>
 *   <li>{@link Convert} (re-speak a recording in the voice): a BytesMessage whose body is the recording as 16-bit
 *       little-endian mono PCM at 24 kHz, with string properties {@value #USER_ID}, {@value #VOICE_ID},
 *       {@value #SETTINGS} and {@value #OPERATION} = {@value #CONVERT}.</li>
 * </ul>
 *
 * <p>Either kind may name, in the string property {@value MessageContract#MODEL_PROPERTY}, the model to speak with: only
 * workers holding that model take it. Without it, any worker takes the request and speaks with the model it holds.
 *
 * <p>{@value #USER_ID} names the user on whose behalf the voice speaks: the worker checks it as the web tier does
 * (the voice must be that user's, active, and the text within the limit) and refuses a request without it.
 */
public sealed interface SpeechRequest {

    String USER_ID = "userId";
    String VOICE_ID = "voiceId";
    String TEXT = "text";
    String SETTINGS = "settings";
    String OPERATION = "operation";
    String CONVERT = "convert";

    /** The requesting user; null when the request did not name one (refused by the worker). */
    UUID userId();

    String voiceId();

    VoiceSettings settings();

    /** The model to speak with; null: the one the worker that takes the request holds. */
    String model();

    Message toMessage(JMSContext jms);

    /** Speak {@code text} in the voice. */
    record Speak(UUID userId, String voiceId, String text, VoiceSettings settings, String model) implements SpeechRequest {
        @Override
        public Message toMessage(JMSContext jms) {
            MapMessage m = jms.createMapMessage();
            try {
                m.setString(USER_ID, userId.toString());
                m.setString(VOICE_ID, voiceId);
                m.setString(TEXT, text);
                m.setString(SETTINGS, settings.toJsonString());
                MessageContract.route(m, model);
                MessageContract.stamp(m);
            } catch (JMSException e) {
                throw MessageContract.unchecked(e);
            }
            return m;
        }
    }

    /** Re-speak {@code source} (24 kHz mono) in the voice, keeping its words and timing. */
    record Convert(UUID userId, String voiceId, PcmAudio source, VoiceSettings settings, String model) implements SpeechRequest {
        @Override
        public Message toMessage(JMSContext jms) {
            BytesMessage m = jms.createBytesMessage();
            try {
                m.writeBytes(Pcm16.encode(source));
                m.setStringProperty(USER_ID, userId.toString());
                m.setStringProperty(VOICE_ID, voiceId);
                m.setStringProperty(SETTINGS, settings.toJsonString());
                m.setStringProperty(OPERATION, CONVERT);
                MessageContract.route(m, model);
                MessageContract.stamp(m);
            } catch (JMSException e) {
                throw MessageContract.unchecked(e);
            }
            return m;
        }
    }

    /**
     * The request in {@code message}, or empty when it is neither kind or of a newer contract version.
     *
     * @throws InvalidInputException when its settings are not valid JSON or its user id is not a UUID
     */
    static Optional<SpeechRequest> from(Message message) throws JMSException {
        try {
            return read(message);
        } catch (IllegalArgumentException | JsonException e) {
            throw new InvalidInputException(List.of(new Violation("request", "The synthesis request could not be read: " + e.getMessage())));
        }
    }

    private static Optional<SpeechRequest> read(Message message) throws JMSException {
        if (!MessageContract.understood(message)) {
            return Optional.empty();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] pcm = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(pcm);
            return Optional.of(new Convert(uuidOrNull(bytes.getStringProperty(USER_ID)), bytes.getStringProperty(VOICE_ID), Pcm16.decode(pcm),
                    VoiceSettings.fromJson(bytes.getStringProperty(SETTINGS)), MessageContract.model(bytes)));
        }
        if (message instanceof MapMessage map) {
            return Optional.of(new Speak(uuidOrNull(map.getString(USER_ID)), map.getString(VOICE_ID), map.getString(TEXT),
                    VoiceSettings.fromJson(map.getString(SETTINGS)), MessageContract.model(map)));
        }
        return Optional.empty();
    }

    private static UUID uuidOrNull(String value) {
        return value == null ? null : UUID.fromString(value);
    }
}
