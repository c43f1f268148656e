package com.voxclone.messaging.entity;

import com.voxclone.audio.entity.PcmAudio;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The synthesis request/reply protocol on {@code voxclone.synthesis}, shared by the web tier, the workers and
 * external JMS clients.
 *
 * <p>Speak request: a MapMessage with {@value #VOICE_ID}, {@value #TEXT} and {@value #SETTINGS} (JSON), and
 * JMSReplyTo. Convert request (re-speak a recording in the voice): a BytesMessage whose body is the recording as
 * 16-bit little-endian mono PCM at 24 kHz, with string properties {@value #VOICE_ID}, {@value #SETTINGS} and
 * {@value #OPERATION} = {@value #CONVERT}, and JMSReplyTo.
 * Replies: BytesMessages in order, each holding 16-bit little-endian mono PCM at 24 kHz, with int property
 * {@value #SEQUENCE} and boolean {@value #LAST}; or one TextMessage with string property {@value #ERROR} (an
 * error code: {@code voice_not_found}, {@code engine_failed}) whose body explains the problem. Replies carry the
 * request's JMSMessageID as JMSCorrelationID.
 */
public final class SpeechMessages {

    public static final String VOICE_ID = "voiceId";
    public static final String TEXT = "text";
    public static final String SETTINGS = "settings";
    public static final String SEQUENCE = "sequence";
    public static final String LAST = "last";
    public static final String ERROR = "error";
    public static final String SAMPLE_RATE = "sampleRate";
    public static final String OPERATION = "operation";
    public static final String CONVERT = "convert";

    private SpeechMessages() {
    }

    public static byte[] toPcm16(PcmAudio audio) {
        ByteBuffer b = ByteBuffer.allocate(audio.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : audio.samples()) {
            b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, s)) * 32767f));
        }
        return b.array();
    }

    public static float[] fromPcm16(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getShort() / 32768f;
        }
        return out;
    }
}
