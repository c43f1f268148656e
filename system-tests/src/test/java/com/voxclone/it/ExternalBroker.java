package com.voxclone.it;

import com.voxclone.messaging.entity.Destinations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQBasicSecurityManager;

/**
 * An Artemis broker of its own, as an installation with an external broker has one: configured from the product's
 * {@code config/broker/broker.xml} (its acceptor moved to a free loopback port, its journal to a folder of the test),
 * with the basic security manager of {@code config/broker/bootstrap-security.xml}. It can be stopped and started again
 * on the same journal.
 */
final class ExternalBroker implements AutoCloseable {

    static final String USER = "voxclone";
    static final String PASSWORD = "drill-" + UUID.randomUUID();

    private final Path dir;
    private final int port;
    private EmbeddedActiveMQ server;

    private ExternalBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static ExternalBroker start(Path dir) throws Exception {
        ExternalBroker broker = new ExternalBroker(dir, VoxCloneStack.freePort());
        broker.start();
        return broker;
    }

    synchronized void start() throws Exception {
        FileConfiguration config = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(Path.of("../config/broker/broker.xml").toAbsolutePath().toUri().toString());
        deployment.addDeployable(config);
        deployment.readConfiguration();
        config.getAcceptorConfigurations().clear();
        config.addAcceptorConfiguration("voxclone", url() + "?protocols=CORE");
        config.setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setJMXManagementEnabled(false);
        server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.setSecurityManager(new ActiveMQBasicSecurityManager().init(Map.of(
                ActiveMQBasicSecurityManager.BOOTSTRAP_USER, USER,
                ActiveMQBasicSecurityManager.BOOTSTRAP_PASSWORD, PASSWORD,
                ActiveMQBasicSecurityManager.BOOTSTRAP_ROLE, "voxclone")));
        server.start();
    }

    synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** What the broker holds for the jobs, for a failure's message. */
    String jobQueues() {
        StringBuilder state = new StringBuilder();
        for (String name : List.of(Destinations.JOBS, Destinations.JOBS_DEAD_LETTERS)) {
            var queue = server.getActiveMQServer().locateQueue(name);
            state.append(name).append(": ").append(queue.getMessageCount()).append(" messages, ")
                    .append(queue.getDeliveringCount()).append(" delivered, ").append(queue.getScheduledCount())
                    .append(" scheduled, ").append(queue.getConsumerCount()).append(" consumers; ");
        }
        return state.append("prepared transactions: ")
                .append(server.getActiveMQServer().getResourceManager().getPreparedTransactions().size()).toString();
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The settings a VoxClone node needs to use this broker. */
    Map<String, String> nodeSettings() {
        return Map.of("VOXCLONE_BROKER_URL", url(), "VOXCLONE_BROKER_USER", USER, "VOXCLONE_BROKER_PASSWORD", PASSWORD);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
