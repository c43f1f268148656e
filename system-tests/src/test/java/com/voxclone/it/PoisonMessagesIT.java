package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Messages on the jobs queue that name no job a worker can run are neither dropped nor retried for ever: after the
 * configured attempts they are in the dead-letter queue (taken off it again here, so that other tests see it empty).
 */
@ExtendWith(SharedStack.class)
@Order(7)
class PoisonMessagesIT {

    @Test
    void anUnreadableMessageEndsInTheDeadLetterQueue() throws Exception {
        String probe = UUID.randomUUID().toString();
        Message dead = sendAndAwaitDeadLetter(probe, jms -> jms.createTextMessage("not a job"));
        assertEquals("not a job", ((TextMessage) dead).getText());
        assertTrue(dead.getIntProperty("JMSXDeliveryCount") >= 3 || dead.propertyExists("_AMQ_ORIG_ADDRESS"), String.valueOf(dead));
    }

    @Test
    void aMessageForAJobThatDoesNotExistEndsInTheDeadLetterQueue() throws Exception {
        String unknown = UUID.randomUUID().toString();
        Message dead = sendAndAwaitDeadLetter(UUID.randomUUID().toString(), jms -> {
            MapMessage m = jms.createMapMessage();
            m.setString("jobId", unknown);
            m.setStringProperty("jobId", unknown);
            return m;
        });
        assertEquals(unknown, dead.getStringProperty("jobId"));
    }

    @Test
    void aMessageOfANewerContractEndsInTheDeadLetterQueue() throws Exception {
        Message dead = sendAndAwaitDeadLetter(UUID.randomUUID().toString(), jms -> {
            MapMessage m = jms.createMapMessage();
            m.setString("jobId", UUID.randomUUID().toString());
            m.setIntProperty("contractVersion", 99);
            return m;
        });
        assertEquals(99, dead.getIntProperty("contractVersion"));
    }

    private interface MessageFactory {
        Message create(JMSContext jms) throws Exception;
    }

    private static Message sendAndAwaitDeadLetter(String probe, MessageFactory factory) throws Exception {
        try (var connections = SharedStack.stack().jmsConnectionFactory(); JMSContext jms = connections.createContext()) {
            Message message = factory.create(jms);
            message.setStringProperty("probe", probe);
            jms.createProducer().send(jms.createQueue("voxclone.jobs"), message);
            try (JMSConsumer dead = jms.createConsumer(jms.createQueue("voxclone.jobs.dlq"), "probe = '" + probe + "'")) {
                // Three attempts with the test stack's short redelivery delay (300 ms, doubling).
                Message kept = dead.receive(30_000);
                assertNotNull(kept, "the message did not reach the dead-letter queue within 30 s");
                return kept;
            }
        }
    }
}
