package com.voxclone.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The product's broker pair ({@code config/broker/ha/primary.xml} and {@code backup.xml}) as two processes of their
 * own on loopback ports, so that the primary can be killed like a crashed machine ({@code kill -9}) and started again
 * on its old journal. Each process reports its state in files of its folder: {@code active} while it serves clients,
 * {@code in-sync} while it is a backup that holds a full replica.
 */
final class BrokerPair implements AutoCloseable {

    private static final String CLUSTER_PASSWORD = "cluster-" + UUID.randomUUID();

    private final Path dir;
    private final int primaryPort;
    private final int backupPort;
    private final List<Process> processes = new ArrayList<>();
    private Process primary;

    private BrokerPair(Path dir, int primaryPort, int backupPort) {
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.backupPort = backupPort;
    }

    /** Starts the primary, then the backup, and returns once the backup holds a replica. */
    static BrokerPair start(Path dir) throws Exception {
        BrokerPair pair = new BrokerPair(dir, VoxCloneStack.freePort(), VoxCloneStack.freePort());
        try {
            pair.primary = pair.launch("primary", pair.primaryPort, pair.backupPort);
            pair.await("primary", "active", Duration.ofMinutes(1));
            pair.launch("backup", pair.backupPort, pair.primaryPort);
            pair.await("backup", "in-sync", Duration.ofMinutes(1));
            return pair;
        } catch (Exception | AssertionError e) {
            pair.close();
            throw e;
        }
    }

    /** The settings a VoxClone node needs to use the pair. */
    Map<String, String> nodeSettings() {
        return Map.of("VOXCLONE_BROKER_URL", "tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:" + backupPort,
                "VOXCLONE_BROKER_USER", ExternalBroker.USER, "VOXCLONE_BROKER_PASSWORD", ExternalBroker.PASSWORD);
    }

    /** Kills the primary's process without warning, as a crash of its machine would. */
    void killPrimary() throws InterruptedException {
        primary.destroyForcibly().waitFor();
    }

    /** Starts the killed primary again on its old journal, as its machine coming back would. */
    void restartPrimary() throws IOException {
        Files.deleteIfExists(dir.resolve("primary").resolve("active"));
        Files.deleteIfExists(dir.resolve("primary").resolve("in-sync"));
        primary = launch("primary", primaryPort, backupPort);
    }

    void awaitBackupActive(Duration limit) throws Exception {
        await("backup", "active", limit);
    }

    void awaitPrimaryActive(Duration limit) throws Exception {
        await("primary", "active", limit);
    }

    void awaitBackupInSync(Duration limit) throws Exception {
        await("backup", "in-sync", limit);
    }

    boolean backupActive() {
        return Files.exists(dir.resolve("backup").resolve("active"));
    }

    private Process launch(String role, int port, int otherPort) throws IOException {
        Path home = Files.createDirectories(dir.resolve(role));
        Path log = Files.createDirectories(Path.of(System.getProperty("voxclone.it.logs", "target/stack-logs")))
                .resolve("broker-" + role + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), BrokerPair.class.getName(),
                role, home.toString(), String.valueOf(port), String.valueOf(otherPort), ExternalBroker.PASSWORD, CLUSTER_PASSWORD)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private void await(String role, String state, Duration limit) throws Exception {
        Path marker = dir.resolve(role).resolve(state);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(marker)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the " + role + " broker was not " + state + " within " + limit.toSeconds()
                        + " s; its log is target/stack-logs/broker-" + role + ".log");
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One broker of the pair: {@code role folder port otherPort password clusterPassword}. Runs until killed. */
    public static void main(String[] args) throws Exception {
        String role = args[0];
        Path home = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        FileConfiguration config = ExternalBroker.configuration("ha/" + role + ".xml", home, port);
        config.addConnectorConfiguration("self", "tcp://127.0.0.1:" + port);
        config.addConnectorConfiguration("other", "tcp://127.0.0.1:" + args[3]);
        config.setClusterPassword(args[5]);
        EmbeddedActiveMQ embedded = ExternalBroker.server(config, args[4]);
        embedded.start();
        ActiveMQServer server = embedded.getActiveMQServer();
        while (true) {
            mark(home.resolve("active"), server.isActive());
            mark(home.resolve("in-sync"), !server.isActive() && server.isReplicaSync());
            Thread.sleep(100);
        }
    }

    private static void mark(Path marker, boolean state) throws IOException {
        if (!state) {
            Files.deleteIfExists(marker);
        } else if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
    }
}
