package com.voxclone.job.boundary;

import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.JobMessage;
import com.voxclone.platform.boundary.Platform;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What administrators see of the queues: how many jobs wait, and the job messages that used up their attempts
 * (the dead-letter queue), which can be requeued (the job starts again) or purged.
 */
@Stateless
public class QueueAdministration {

    /** Browsing stops here: a depth above it is reported as "at least". */
    static final int BROWSE_LIMIT = 10_000;

    @Resource(lookup = Platform.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    @JMSConnectionFactory(Platform.CONNECTION_FACTORY)
    JMSContext transacted;

    @Inject
    JobService jobs;

    public record DeadLetter(String messageId, UUID jobId, Instant enqueuedAt) {
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int depth(String queue) {
        try (JMSContext jms = connectionFactory.createContext(); QueueBrowser browser = jms.createBrowser(jms.createQueue(queue))) {
            int n = 0;
            var e = browser.getEnumeration();
            while (e.hasMoreElements() && n < BROWSE_LIMIT) {
                e.nextElement();
                n++;
            }
            return n;
        } catch (JMSException e) {
            throw new IllegalStateException("could not browse " + queue + ": " + e.getMessage(), e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<DeadLetter> deadLetters(int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        try (JMSContext jms = connectionFactory.createContext();
             QueueBrowser browser = jms.createBrowser(jms.createQueue(Destinations.JOBS_DEAD_LETTERS))) {
            var e = browser.getEnumeration();
            while (e.hasMoreElements() && letters.size() < limit) {
                Message m = (Message) e.nextElement();
                letters.add(new DeadLetter(m.getJMSMessageID(), jobIdOf(m).orElse(null), Instant.ofEpochMilli(m.getJMSTimestamp())));
            }
            return letters;
        } catch (JMSException e) {
            throw new IllegalStateException("could not browse the dead-letter queue: " + e.getMessage(), e);
        }
    }

    /**
     * Takes the message off the dead-letter queue and retries its job, in one transaction.
     *
     * @return false when there is no such message
     */
    public boolean requeue(String messageId) {
        Message m = transacted.createConsumer(transacted.createQueue(Destinations.JOBS_DEAD_LETTERS), selector(messageId)).receive(2000);
        if (m == null) {
            return false;
        }
        jobIdOf(m).ifPresent(jobs::retry);
        return true;
    }

    /** Removes every message from the dead-letter queue; their jobs are already failed. */
    public int purge() {
        int n = 0;
        var consumer = transacted.createConsumer(transacted.createQueue(Destinations.JOBS_DEAD_LETTERS));
        while (consumer.receive(500) != null) {
            n++;
        }
        return n;
    }

    private static String selector(String messageId) {
        return "JMSMessageID = '" + messageId.replace("'", "''") + "'";
    }

    private static Optional<UUID> jobIdOf(Message m) {
        return JobMessage.from(m).map(JobMessage::jobId);
    }
}
