package com.voxclone.messaging.entity;

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

    private MessageContract() {
    }

    static void stamp(Message message) throws JMSException {
        message.setIntProperty(VERSION_PROPERTY, VERSION);
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
