package com.voxclone.messaging.entity;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import java.util.UUID;

/**
 * A job's new state, on the topic {@value Destinations#JOB_STATUS}: a TextMessage whose body is the JSON of the
 * status endpoint ({@code GET …/jobs/{jobId}/status}), with string properties {@value #JOB_ID}, {@value #USER_ID}
 * and {@value #STATUS} ({@code pending}, {@code processing}, {@code completed}, {@code failed}) for selectors.
 * Sent in the transaction that stores the change, so it is delivered only once the change is committed.
 */
public record JobStatusMessage(UUID jobId, UUID userId, String status, JsonObject state) {

    public static final String JOB_ID = "jobId";
    public static final String USER_ID = "userId";
    public static final String STATUS = "status";

    public Message toMessage(JMSContext jms) {
        TextMessage message = jms.createTextMessage(state.toString());
        try {
            message.setStringProperty(JOB_ID, jobId.toString());
            message.setStringProperty(USER_ID, userId.toString());
            message.setStringProperty(STATUS, status);
            MessageContract.stamp(message);
        } catch (JMSException e) {
            throw MessageContract.unchecked(e);
        }
        return message;
    }

    /** The status message, or empty when it is not one this reader understands. */
    public static Optional<JobStatusMessage> from(Message message) {
        if (!(message instanceof TextMessage text) || !MessageContract.understood(message)) {
            return Optional.empty();
        }
        try {
            String jobId = message.getStringProperty(JOB_ID);
            String userId = message.getStringProperty(USER_ID);
            if (jobId == null || text.getText() == null) {
                return Optional.empty();
            }
            try (var reader = Json.createReader(new StringReader(text.getText()))) {
                return Optional.of(new JobStatusMessage(UUID.fromString(jobId), userId == null ? null : UUID.fromString(userId),
                        message.getStringProperty(STATUS), reader.readObject()));
            }
        } catch (JMSException | JsonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
