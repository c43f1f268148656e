package com.voxclone.worker.messaging;

import com.voxclone.job.boundary.JobLifecycle;
import com.voxclone.platform.boundary.Destinations;
import com.voxclone.worker.control.WorkerIdentity;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Job messages that used up their attempts arrive here; their jobs are marked failed with the last error, so no
 * job is left pending or processing forever. The message itself is then consumed.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Destinations.JOBS_DEAD_LETTERS),
        @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1"),
        @ActivationConfigProperty(propertyName = "connectorClassName",
                propertyValue = "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"),
        @ActivationConfigProperty(propertyName = "connectionParameters", propertyValue = "${MPCONFIG=voxclone.broker.connection-parameters}"),
        @ActivationConfigProperty(propertyName = "user", propertyValue = "${MPCONFIG=voxclone.broker.user}"),
        @ActivationConfigProperty(propertyName = "password", propertyValue = "${MPCONFIG=voxclone.broker.password}")
})
public class DeadLetterListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(DeadLetterListener.class.getName());

    @Inject
    JobLifecycle lifecycle;

    @Inject
    WorkerIdentity identity;

    @Override
    public void onMessage(Message message) {
        UUID jobId = CloneJobListener.jobId(message);
        if (jobId == null) {
            LOG.warning(() -> "Dead letter without a job id, dropped: " + message);
            return;
        }
        LOG.warning(() -> "Job " + jobId + " used up its attempts; marking it failed.");
        lifecycle.giveUp(jobId, identity.nodeName());
    }
}
