package com.voxclone.messaging.entity;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The answer to an {@link EnterpriseRequest}, sent to the request's JMSReplyTo with the request's JMSCorrelationID (its
 * JMSMessageID when it had none). Like an HTTP answer it carries the int property {@value #STATUS} and the string
 * property {@value #CONTENT_TYPE}:
 * <ul>
 *   <li>a clone request accepted: 202, a TextMessage with the job ({@code jobId}, {@code status}, {@code statusUrl},
 *       {@code eventsUrl}), as HTTP answers it;</li>
 *   <li>speech: 200, a BytesMessage holding the complete audio file in the requested format, with the long property
 *       {@value #DURATION_MILLIS};</li>
 *   <li>an error: 4xx or 5xx, a TextMessage with the same problem details as HTTP ({@code application/problem+json}:
 *       {@code type}, {@code title}, {@code status}, {@code detail}, and the invalid {@code errors}), and the string
 *       property {@value #RETRY_AFTER} (seconds) where waiting helps.</li>
 * </ul>
 */
public final class EnterpriseReply {

    public static final String STATUS = "status";
    public static final String CONTENT_TYPE = "contentType";
    public static final String DURATION_MILLIS = "durationMillis";
    public static final String RETRY_AFTER = "retryAfter";

    private EnterpriseReply() {
    }

    /** A JSON answer: the accepted job (202), or problem details. */
    public static Message json(JMSContext jms, Message request, int status, String contentType, String json,
                               Optional<String> retryAfter) {
        TextMessage reply = jms.createTextMessage(json);
        try {
            if (retryAfter.isPresent()) {
                reply.setStringProperty(RETRY_AFTER, retryAfter.get());
            }
        } catch (JMSException e) {
            throw MessageContract.unchecked(e);
        }
        return stamped(reply, request, status, contentType);
    }

    /** Spoken audio: the whole file, read from {@code audio}. */
    public static Message audio(JMSContext jms, Message request, String contentType, InputStream audio, long durationMillis) {
        BytesMessage reply = jms.createBytesMessage();
        try {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = audio.read(buffer)) > 0) {
                reply.writeBytes(buffer, 0, n);
            }
            reply.setLongProperty(DURATION_MILLIS, durationMillis);
        } catch (JMSException e) {
            throw MessageContract.unchecked(e);
        } catch (IOException e) {
            throw new UncheckedIOException("the spoken audio could not be read back", e);
        }
        return stamped(reply, request, 200, contentType);
    }

    private static Message stamped(Message reply, Message request, int status, String contentType) {
        try {
            reply.setIntProperty(STATUS, status);
            reply.setStringProperty(CONTENT_TYPE, contentType);
            String correlation = request.getJMSCorrelationID();
            reply.setJMSCorrelationID(correlation != null ? correlation : request.getJMSMessageID());
            MessageContract.stamp(reply);
        } catch (JMSException e) {
            throw MessageContract.unchecked(e);
        }
        return reply;
    }
}
