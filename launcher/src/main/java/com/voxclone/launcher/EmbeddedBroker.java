package com.voxclone.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQBasicSecurityManager;

/**
 * ActiveMQ Artemis run from the launcher: persistent journal in the data directory, a TCP acceptor for the
 * applications, external JMS clients and remote workers, and the job queue's redelivery / dead-letter policy.
 * The same policy for an external broker is in {@code config/broker/broker.xml}. Every connection must log in with
 * the generated account, also on the loopback interface: other users of this machine are not to read or send jobs.
 */
final class EmbeddedBroker implements AutoCloseable {

    static final String JOBS = "voxclone.jobs";
    static final String JOBS_DEAD_LETTERS = "voxclone.jobs.dlq";
    static final String SYNTHESIS = "voxclone.synthesis";
    static final String SPEECH_JOBS = "voxclone.speech-jobs";
    static final String JOB_STATUS = "voxclone.job-status";
    static final String REQUESTS = "voxclone.requests";
    static final String REQUESTS_DEAD_LETTERS = "voxclone.requests.dlq";

    /** The installation's own account: the applications and the worker nodes. */
    private static final String ROLE = "voxclone";
    /** Every integration account (created by administrators, stored in the broker's journal): send requests only. */
    private static final String CLIENT_ROLE = "voxclone-client";
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());

    private final EmbeddedActiveMQ server;

    private EmbeddedBroker(EmbeddedActiveMQ server) {
        this.server = server;
    }

    static EmbeddedBroker start(LauncherSettings settings, Account account) {
        Path dir = settings.dataDir().resolve("broker");
        String acceptor = "tcp://" + settings.embeddedBrokerBind() + ":" + settings.embeddedBrokerPort();
        PortGuard.requireFree(settings.embeddedBrokerBind(), settings.embeddedBrokerPort(), "VOXCLONE_BROKER_PORT", "the embedded broker");
        try {
            Configuration config = new ConfigurationImpl()
                    .setName("voxclone")
                    .setPersistenceEnabled(true)
                    // NIO journal: works everywhere without libaio.
                    .setJournalType(JournalType.NIO)
                    .setJournalDirectory(dir.resolve("journal").toString())
                    .setBindingsDirectory(dir.resolve("bindings").toString())
                    .setPagingDirectory(dir.resolve("paging").toString())
                    .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                    .setSecurityEnabled(true)
                    // The request queue's reader learns who sent a request from the broker, never from the sender.
                    .setPopulateValidatedUser(true)
                    // A revoked integration account must be refused at once, not after a cached login expires.
                    .setAuthenticationCacheSize(0)
                    .setJMXManagementEnabled(false)
                    .addAcceptorConfiguration("tcp", acceptor);
            config.addAddressSetting(JOBS, new AddressSettings()
                    .setMaxDeliveryAttempts(settings.jobMaxAttempts())
                    .setRedeliveryDelay(settings.redeliveryDelayMillis())
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(60_000)
                    .setDeadLetterAddress(SimpleString.of(JOBS_DEAD_LETTERS)));
            // Synthesis requests are answered in seconds or not at all: never pile them up for later.
            config.addAddressSetting(SYNTHESIS, new AddressSettings()
                    .setMaxDeliveryAttempts(1)
                    .setDeadLetterAddress(SimpleString.of(JOBS_DEAD_LETTERS)));
            // Enterprise requests are answered once, with an error when they are wrong; what cannot be read is kept aside.
            config.addAddressSetting(REQUESTS, new AddressSettings()
                    .setMaxDeliveryAttempts(1)
                    .setDeadLetterAddress(SimpleString.of(REQUESTS_DEAD_LETTERS)));
            config.addQueueConfiguration(QueueConfiguration.of(JOBS).setRoutingType(RoutingType.ANYCAST));
            config.addQueueConfiguration(QueueConfiguration.of(JOBS_DEAD_LETTERS).setRoutingType(RoutingType.ANYCAST));
            config.addQueueConfiguration(QueueConfiguration.of(SYNTHESIS).setRoutingType(RoutingType.ANYCAST));
            config.addQueueConfiguration(QueueConfiguration.of(SPEECH_JOBS).setRoutingType(RoutingType.ANYCAST));
            config.addQueueConfiguration(QueueConfiguration.of(REQUESTS).setRoutingType(RoutingType.ANYCAST));
            config.addQueueConfiguration(QueueConfiguration.of(REQUESTS_DEAD_LETTERS).setRoutingType(RoutingType.ANYCAST));
            // The applications send, consume, browse, create temporary queues and subscriptions: all rights, one role.
            // Integration accounts may only send requests; their reply queue and their owner's status topic are
            // opened to them one by one, when an administrator creates them.
            Role installation = new Role(ROLE, true, true, true, true, true, true, true, true, true, true, true, true);
            config.putSecurityRoles("#", Set.of(installation));
            config.putSecurityRoles(REQUESTS, Set.of(installation,
                    new Role(CLIENT_ROLE, true, false, false, false, false, false, false, false, false, false, false, false)));
            EmbeddedActiveMQ server = new EmbeddedActiveMQ();
            server.setConfiguration(config);
            // Users in the journal, managed over the management address; the installation's account is the
            // bootstrap user, never stored.
            server.setSecurityManager(new ActiveMQBasicSecurityManager().init(Map.of(
                    ActiveMQBasicSecurityManager.BOOTSTRAP_USER, account.user(),
                    ActiveMQBasicSecurityManager.BOOTSTRAP_PASSWORD, account.password(),
                    ActiveMQBasicSecurityManager.BOOTSTRAP_ROLE, ROLE)));
            server.start();
            LOG.info(() -> "Artemis ready on " + acceptor + ", journal in " + dir);
            return new EmbeddedBroker(server);
        } catch (Exception e) {
            throw new LaunchException("Artemis could not start on " + acceptor + ": " + e.getMessage()
                    + " (another process may use the port: set VOXCLONE_BROKER_PORT)", e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    @Override
    public String toString() {
        return "the message broker (Artemis)";
    }
}
