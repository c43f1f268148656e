package com.voxclone.messaging.entity;

import com.voxclone.audio.entity.PcmAudio;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

/**
 * A worker's answer to a {@link SpeechRequest}, sent to the request's JMSReplyTo with the request's JMSMessageID as
 * JMSCorrelationID: {@link Chunk}s in order, or one {@link Failure}.
 *
 * <ul>
 *   <li>{@link Chunk}: a BytesMessage holding 16-bit little-endian mono PCM at 24 kHz, with int properties
 *       {@value #SEQUENCE} (from 0) and {@value #SAMPLE_RATE}, and boolean {@value #LAST} on the final chunk.</li>
 *   <li>{@link Failure}: a TextMessage whose body explains the problem in plain words, with string property
 *       {@value #ERROR}: {@value #VOICE_NOT_FOUND} (not the user's voice), {@value #VOICE_INACTIVE} (deactivated),
 *       {@value #INVALID_REQUEST} (no user, text missing or too long), {@value #QUOTA_EXCEEDED} (the user's
 *       speech for the day is used up) or {@value #ENGINE_FAILED}.</li>
 * </ul>
 */
public sealed interface SpeechReply {

    String SEQUENCE = "sequence";
    String LAST = "last";
    String SAMPLE_RATE = "sampleRate";
    String ERROR = "error";
    String VOICE_NOT_FOUND = "voice_not_found";
    String VOICE_INACTIVE = "voice_inactive";
    String INVALID_REQUEST = "invalid_request";
    String QUOTA_EXCEEDED = "quota_exceeded";
    String ENGINE_FAILED = "engine_failed";

    Message toMessage(JMSContext jms, String correlationId);

    /** One piece of the audio, in order. */
    record Chunk(int sequence, PcmAudio audio, boolean last) implements SpeechReply {
        @Override
        public Message toMessage(JMSContext jms, String correlationId) {
            BytesMessage m = jms.createBytesMessage();
            try {
                m.writeBytes(Pcm16.encode(audio));
                m.setIntProperty(SEQUENCE, sequence);
                m.setBooleanProperty(LAST, last);
                m.setIntProperty(SAMPLE_RATE, audio.sampleRate());
                m.setJMSCorrelationID(correlationId);
                MessageContract.stamp(m);
            } catch (JMSException e) {
                throw MessageContract.unchecked(e);
            }
            return m;
        }
    }

    /** No audio: why, with an error code a program can act on. */
    record Failure(String code, String text) implements SpeechReply {
        @Override
        public Message toMessage(JMSContext jms, String correlationId) {
            TextMessage m = jms.createTextMessage(text);
            try {
                m.setStringProperty(ERROR, code);
                m.setJMSCorrelationID(correlationId);
                MessageContract.stamp(m);
            } catch (JMSException e) {
                throw MessageContract.unchecked(e);
            }
            return m;
        }
    }

    /** The reply in {@code message}; a message of any other shape is read as an engine failure saying so. */
    static SpeechReply from(Message message) throws JMSException {
        if (message instanceof TextMessage t && t.propertyExists(ERROR)) {
            return new Failure(t.getStringProperty(ERROR), t.getText());
        }
        if (message instanceof BytesMessage chunk && MessageContract.understood(message)) {
            byte[] body = new byte[(int) chunk.getBodyLength()];
            chunk.readBytes(body);
            return new Chunk(chunk.getIntProperty(SEQUENCE), Pcm16.decode(body), chunk.getBooleanProperty(LAST));
        }
        return new Failure(ENGINE_FAILED, "The worker's answer could not be read (not a VoxClone synthesis reply of a known version).");
    }
}
