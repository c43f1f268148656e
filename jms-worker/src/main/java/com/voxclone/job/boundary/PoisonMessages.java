package com.voxclone.job.boundary;

import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.JobMessage;
import com.voxclone.messaging.entity.MessageContract;
import com.voxclone.worker.boundary.WorkerIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Messages on the jobs queue that name no job this worker can run: unreadable, of a newer contract version, or for a
 * job that does not exist (yet: a message may arrive a moment before its job's row is visible). They are not dropped:
 * the listener rolls them back, the broker redelivers them with backoff, and after the last attempt moves them to the
 * dead-letter queue, where an administrator sees them. A job such a message names (newer contract) is failed with the
 * reason on the last attempt, so that it does not wait for ever.
 */
@ApplicationScoped
public class PoisonMessages {

    private static final Logger LOG = Logger.getLogger(PoisonMessages.class.getName());

    @Inject
    JobLifecycle lifecycle;

    @Inject
    WorkerIdentity identity;

    @Inject
    @ConfigProperty(name = "voxclone.jobs.max-attempts", defaultValue = "3")
    int maxAttempts;

    /** Why the message names no runnable job. */
    static String reason(Message message, Optional<JobMessage> read) {
        if (read.isPresent()) {
            return "job " + read.get().jobId() + " does not exist (not yet committed, or deleted)";
        }
        return MessageContract.understood(message) ? "the message holds no valid " + JobMessage.JOB_ID
                : "the message is of a newer contract version than this worker reads";
    }

    /** Notes the refusal; on the last attempt, fails the job the message names, if it exists and waits. */
    public void refused(Message message, Optional<JobMessage> read) {
        String reason = reason(message, read);
        int delivery = deliveryCount(message);
        LOG.warning(() -> "A message on " + Destinations.JOBS + " names no job this worker can run (" + reason + "); attempt "
                + delivery + " of " + maxAttempts + (delivery >= maxAttempts ? ", now to the dead-letter queue" : ", redelivered later"));
        if (delivery >= maxAttempts) {
            namedJob(message).filter(lifecycle::exists).ifPresent(jobId -> lifecycle.failAfterLastAttempt(jobId,
                    "Its queue message could not be read: " + reason + ". The message is in the dead-letter queue.",
                    identity.nodeName()));
        }
    }

    private static int deliveryCount(Message message) {
        try {
            return message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException | NumberFormatException e) {
            return 1;
        }
    }

    /** The job id the message's string property names, even when its body cannot be read. */
    private static Optional<UUID> namedJob(Message message) {
        try {
            return Optional.of(UUID.fromString(message.getStringProperty(JobMessage.JOB_ID)));
        } catch (JMSException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
