package com.voxclone.messaging.entity;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import java.util.Optional;
import java.util.UUID;

/**
 * A clone job to process, on {@value Destinations#JOBS}: a MapMessage whose entry {@value #JOB_ID} holds the job's id
 * (also set as a string property of the same name, so dead letters can be listed by job and selectors can match).
 * The job itself, with its upload and settings, is in the database; the message only says which one to process, and
 * (in {@value MessageContract#MODEL_PROPERTY}) which model's workers may take it.
 *
 * @param model the model the job asks for; null: any worker
 */
public record JobMessage(UUID jobId, String model) {

    public static final String JOB_ID = "jobId";

    public Message toMessage(JMSContext jms) {
        MapMessage message = jms.createMapMessage();
        try {
            message.setString(JOB_ID, jobId.toString());
            message.setStringProperty(JOB_ID, jobId.toString());
            MessageContract.route(message, model);
            MessageContract.stamp(message);
        } catch (JMSException e) {
            throw MessageContract.unchecked(e);
        }
        return message;
    }

    /** The job message, or empty when the message has no valid job id or a newer contract version. */
    public static Optional<JobMessage> from(Message message) {
        if (!MessageContract.understood(message)) {
            return Optional.empty();
        }
        try {
            String id = message instanceof MapMessage map && map.itemExists(JOB_ID) ? map.getString(JOB_ID)
                    : message.getStringProperty(JOB_ID);
            return id == null ? Optional.empty() : Optional.of(new JobMessage(UUID.fromString(id), MessageContract.model(message)));
        } catch (JMSException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
