package com.voxclone.messaging.entity;

import com.voxclone.engine.entity.EngineDescriptor;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;

/**
 * The version of VoxClone's JMS contracts ({@link JobMessage}, {@link JobStatusMessage}, {@link SpeechRequest},
 * {@link SpeechReply}). Every message VoxClone sends carries it as the int property {@value #VERSION_PROPERTY};
 * a message without it is read as version 1, so systems written against the first contract keep working. A reader
 * refuses a message of a newer version than it knows rather than guessing at its meaning.
 */
public final class MessageContract {

    public static final String VERSION_PROPERTY = "contractVersion";
    public static final int VERSION = 1;

    /**
     * The model whose workers take a clone job or synthesis request ({@code offline}, {@code chatterbox},
     * {@code chatterbox-turbo}); a message without it is taken by any worker.
     */
    public static final String MODEL_PROPERTY = "model";

    /**
     * What a worker takes: messages for the model it holds ({@value EngineDescriptor#NODE_MODEL_SETTING}, read when the
     * message-driven beans deploy), and those naming no model.
     */
    public static final String WORKER_SELECTOR = MODEL_PROPERTY + " IS NULL OR " + MODEL_PROPERTY + " = '${MPCONFIG="
            + EngineDescriptor.NODE_MODEL_SETTING + ":offline}'";

    /**
     * How many messages a worker bean handles at once ({@code voxclone.worker.concurrency}, set by the launcher before
     * the beans deploy): with several requests on the device, the engine runs their steps as one batch.
     */
    public static final String WORKER_SESSIONS = "${MPCONFIG=voxclone.worker.concurrency:2}";

    private MessageContract() {
    }

    static void stamp(Message message) throws JMSException {
        message.setIntProperty(VERSION_PROPERTY, VERSION);
    }

    /** Names the model whose workers take {@code message}; null leaves it to any worker. */
    static void route(Message message, String model) throws JMSException {
        if (model != null) {
            message.setStringProperty(MODEL_PROPERTY, model);
        }
    }

    /** The model {@code message} is routed to, or null. */
    static String model(Message message) throws JMSException {
        return message.getStringProperty(MODEL_PROPERTY);
    }

    /** Whether this reader knows the message's contract version. */
    public static boolean understood(Message message) {
        try {
            return !message.propertyExists(VERSION_PROPERTY) || message.getIntProperty(VERSION_PROPERTY) <= VERSION;
        } catch (JMSException | NumberFormatException e) {
            return false;
        }
    }

    /** A JMS failure while building or reading a message, as the unchecked exception of the simplified API. */
    static JMSRuntimeException unchecked(JMSException e) {
        return new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
    }
}
