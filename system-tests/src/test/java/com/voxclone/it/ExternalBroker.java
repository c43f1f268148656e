package com.voxclone.it;

import com.voxclone.messaging.entity.Destinations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQBasicSecurityManager;

/**
 * An Artemis broker of its own, as an installation with an external broker has one: configured from the product's
 * {@code config/broker/broker.xml} and its parts (its acceptor moved to a free loopback port, its instance to a folder
 * of the test),
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
        server = server(configuration("broker.xml", dir, port), PASSWORD);
        server.start();
    }

    /**
     * One of the product's broker configurations ({@code config/broker/}{@code file}), installed as an operator does
     * (as {@code etc/broker.xml} of a broker instance in {@code dir}, beside the files it includes), with its acceptor
     * on a loopback port and its journal in the instance.
     */
    static FileConfiguration configuration(String file, Path dir, int port) throws Exception {
        Path source = Path.of("../config/broker").toAbsolutePath().normalize();
        Path etc = Files.createDirectories(dir.resolve("etc"));
        try (Stream<Path> parts = Files.list(source)) {
            for (Path part : parts.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Files.copy(part, etc.resolve(part.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(source.resolve(file), etc.resolve("broker.xml"), StandardCopyOption.REPLACE_EXISTING);
        // What an instance's start script sets; the configuration includes its parts from there.
        System.setProperty("artemis.instance", dir.toAbsolutePath().toString());
        FileConfiguration config = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(etc.resolve("broker.xml").toUri().toString());
        deployment.addDeployable(config);
        deployment.readConfiguration();
        config.getAcceptorConfigurations().clear();
        config.addAcceptorConfiguration("voxclone", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        config.setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setJMXManagementEnabled(false);
        return config;
    }

    /** A server of that configuration with the basic security manager and the installation's account. */
    static EmbeddedActiveMQ server(FileConfiguration config, String password) {
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.setSecurityManager(new ActiveMQBasicSecurityManager().init(Map.of(
                ActiveMQBasicSecurityManager.BOOTSTRAP_USER, USER,
                ActiveMQBasicSecurityManager.BOOTSTRAP_PASSWORD, password,
                ActiveMQBasicSecurityManager.BOOTSTRAP_ROLE, "voxclone")));
        return server;
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
