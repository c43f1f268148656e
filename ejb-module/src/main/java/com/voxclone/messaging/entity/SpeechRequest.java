package com.voxclone.messaging.entity;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.VoiceSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import java.util.Optional;

/**
 * A request to a worker on {@value Destinations#SYNTHESIS}, answered with {@link SpeechReply} messages on the
 * request's JMSReplyTo (which the sender sets).
 *
 * <ul>
 *   <li>{@link Speak}: a MapMessage with {@value #VOICE_ID}, {@value #TEXT} and {@value #SETTINGS} (the voice
 *       settings as JSON; absent fields take the voice's defaults).</li>
 *   <li>{@link Convert} (re-speak a recording in the voice): a BytesMessage whose body is the recording as 16-bit
 *       little-endian mono PCM at 24 kHz, with string properties {@value #VOICE_ID}, {@value #SETTINGS} and
 *       {@value #OPERATION} = {@value #CONVERT}.</li>
 * </ul>
 */
public sealed interface SpeechRequest {

    String VOICE_ID = "voiceId";
    String TEXT = "text";
    String SETTINGS = "settings";
    String OPERATION = "operation";
    String CONVERT = "convert";

    String voiceId();

    VoiceSettings settings();

    Message toMessage(JMSContext jms);

    /** Speak {@code text} in the voice. */
    record Speak(String voiceId, String text, VoiceSettings settings) implements SpeechRequest {
        @Override
        public Message toMessage(JMSContext jms) {
            MapMessage m = jms.createMapMessage();
            try {
                m.setString(VOICE_ID, voiceId);
                m.setString(TEXT, text);
                m.setString(SETTINGS, settings.toJsonString());
                MessageContract.stamp(m);
            } catch (JMSException e) {
                throw MessageContract.unchecked(e);
            }
            return m;
        }
    }

    /** Re-speak {@code source} (24 kHz mono) in the voice, keeping its words and timing. */
    record Convert(String voiceId, PcmAudio source, VoiceSettings settings) implements SpeechRequest {
        @Override
        public Message toMessage(JMSContext jms) {
            BytesMessage m = jms.createBytesMessage();
            try {
                m.writeBytes(Pcm16.encode(source));
                m.setStringProperty(VOICE_ID, voiceId);
                m.setStringProperty(SETTINGS, settings.toJsonString());
                m.setStringProperty(OPERATION, CONVERT);
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
     * @throws IllegalArgumentException when its settings are not valid JSON
     */
    static Optional<SpeechRequest> from(Message message) throws JMSException {
        if (!MessageContract.understood(message)) {
            return Optional.empty();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] pcm = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(pcm);
            return Optional.of(new Convert(bytes.getStringProperty(VOICE_ID), Pcm16.decode(pcm),
                    VoiceSettings.fromJson(bytes.getStringProperty(SETTINGS))));
        }
        if (message instanceof MapMessage map) {
            return Optional.of(new Speak(map.getString(VOICE_ID), map.getString(TEXT), VoiceSettings.fromJson(map.getString(SETTINGS))));
        }
        return Optional.empty();
    }
}
