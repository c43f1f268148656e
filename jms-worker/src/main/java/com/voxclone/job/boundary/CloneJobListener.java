package com.voxclone.job.boundary;

import com.voxclone.messaging.entity.Destinations;
import com.voxclone.messaging.entity.MessageContract;
import com.voxclone.messaging.entity.JobMessage;
import com.voxclone.platform.boundary.JobLogContext;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.Optional;

/**
 * Takes clone jobs off the jobs queue. Thin on purpose: read the job id, hand the job to the processor. The
 * message, the voice and the job's completion commit in one transaction; an exception rolls everything back and
 * the broker redelivers with backoff (dead-letter queue after the last attempt). A message that names no job this
 * worker can run is rolled back the same way, without an exception: it ends in the dead-letter queue, never dropped.
 * While the database cannot be reached the message is committed with a copy for later in its place: waiting for the
 * database is not an attempt of the job's.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.JOBS),
        // Only messages for the model this node holds (and those naming none); set by the launcher before deployment.
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = MessageContract.WORKER_SELECTOR),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = MessageContract.WORKER_SESSIONS)
})
public class CloneJobListener implements MessageListener {

    @Inject
    CloneJobProcessor processor;

    @Inject
    PoisonMessages poison;

    @Resource
    MessageDrivenContext context;

    @Override
    public void onMessage(Message message) {
        Optional<JobMessage> job = JobMessage.from(message);
        try (var log = JobLogContext.enter(job.map(JobMessage::jobId).orElse(null), null)) {
            CloneJobProcessor.Outcome outcome = job.isEmpty() ? CloneJobProcessor.Outcome.NO_SUCH_JOB : processor.process(job.get().jobId());
            switch (outcome) {
                case NO_SUCH_JOB -> {
                    poison.refused(message, job);
                    context.setRollbackOnly();
                }
                case DATABASE_AWAY -> processor.waitForDatabase(job.get());
                case DONE -> {
                    // completed, failed, or thrown back for another attempt
                }
            }
        }
    }
}
