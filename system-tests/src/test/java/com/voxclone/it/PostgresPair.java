package com.voxclone.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and a hot standby streaming from it with synchronous replication, each a server process of its
 * own on loopback, set up as the README asks an operator to: the standby is a copy of the primary's data directory that
 * follows it ({@code standby.signal}, {@code primary_conninfo}), every commit waits for the standby
 * ({@code synchronous_standby_names}), and both allow prepared transactions. A drill kills the primary and promotes the
 * standby, as a fail-over manager would.
 */
final class PostgresPair implements AutoCloseable {

    static final String DATABASE = "voxclone";
    static final String USER = "postgres";
    private static final String STANDBY_NAME = "standby";

    private final Path primaryDir;
    private final Path standbyDir;
    private final int primaryPort;
    private final int standbyPort;
    private EmbeddedPostgres primary;
    private EmbeddedPostgres standby;

    private PostgresPair(Path dir) throws IOException {
        this.primaryDir = dir.resolve("primary");
        this.standbyDir = dir.resolve("standby");
        this.primaryPort = freePort();
        this.standbyPort = freePort();
    }

    static PostgresPair start(Path dir) throws IOException, SQLException, InterruptedException {
        PostgresPair pair = new PostgresPair(dir);
        try {
            pair.setUp(dir);
            return pair;
        } catch (IOException | SQLException | InterruptedException | RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    private void setUp(Path dir) throws IOException, SQLException, InterruptedException {
        // The primary's first start creates its data directory and the product's database; stopped cleanly, it is copied.
        primary = server(primaryDir, primaryPort, dir.resolve("primary-runtime"), false);
        try (Connection c = connect(primaryPort, "postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        primary.close();
        copy(primaryDir, standbyDir);
        // PostgreSQL refuses a data directory others may read.
        Files.setPosixFilePermissions(standbyDir, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(standbyDir.resolve("standby.signal"), "");
        Files.writeString(standbyDir.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort
                + " user=" + USER + " application_name=" + STANDBY_NAME + "'\n");
        primary = server(primaryDir, primaryPort, dir.resolve("primary-runtime"), true);
        standby = server(standbyDir, standbyPort, dir.resolve("standby-runtime"), false);
        awaitSynchronousStandby(Duration.ofMinutes(1));
    }

    private static EmbeddedPostgres server(Path dataDir, int port, Path runtime, boolean synchronous) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setOverrideWorkingDirectory(runtime.toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        Map.of("listen_addresses", "127.0.0.1", "wal_level", "replica", "max_wal_senders", "5", "hot_standby", "on",
                "max_prepared_transactions", "100", "max_connections", "200", "fsync", "on", "synchronous_commit", "on")
                .forEach(builder::setServerConfig);
        if (synchronous) {
            builder.setServerConfig("synchronous_standby_names", STANDBY_NAME);
        }
        return builder.start();
    }

    /** The product's setting: both hosts, the one that takes writes chosen by the driver. */
    Map<String, String> nodeSettings() {
        return Map.of("VOXCLONE_DB_URL", "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort + "/" + DATABASE
                        + "?targetServerType=primary",
                "VOXCLONE_DB_USER", USER, "VOXCLONE_DB_PASSWORD", "unused-the-pair-trusts-loopback");
    }

    /** {@code kill -9} of the primary's server process. */
    void killPrimary() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(primaryDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle process = ProcessHandle.of(postmaster).orElseThrow();
        process.destroyForcibly();
        process.onExit().join();
    }

    /** Promotes the standby and waits until it takes writes. */
    void promoteStandby() throws SQLException {
        try (Connection c = connect(standbyPort, "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_promote(true, 60)")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new IllegalStateException("the standby was not promoted within 60 s");
            }
        }
    }

    private void awaitSynchronousStandby(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = connect(primaryPort, "postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sync_state FROM pg_stat_replication WHERE application_name = '" + STANDBY_NAME + "'")) {
                if (rs.next() && "sync".equals(rs.getString(1))) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the standby did not become a synchronous standby within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, "");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else if (!source.getFileName().toString().equals("postmaster.pid")) {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (EmbeddedPostgres server : new EmbeddedPostgres[] {standby, primary}) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException | RuntimeException e) {
                    // A killed primary has nothing left to stop.
                }
            }
        }
    }
}
