package com.voxclone.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * PostgreSQL run from the launcher, with its data directory kept between starts. The embedded PostgreSQL library
 * is made for tests (no fsync, no synchronous commit, every local user trusted); here it runs durably - a committed
 * job is on disk - and only with the superuser's password from {@link GeneratedCredentials}.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "voxclone";
    static final String LISTEN_ADDRESS = "127.0.0.1";
    private static final String PASSWORD_AUTHENTICATION = "scram-sha-256";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static EmbeddedDatabase start(Path dataDir, int port, Account superuser) {
        Path dir = dataDir.resolve("postgres");
        OrphanedDatabase.stopIfRunning(dir);
        PortGuard.requireFree(LISTEN_ADDRESS, port, "VOXCLONE_DB_PORT", "the embedded database");
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        Path passwordFile = dataDir.resolve(".postgres-superuser-password");
        try {
            Files.createDirectories(dataDir);
            if (fresh) {
                PrivateFile.write(passwordFile, superuser.password() + "\n");
            }
            boolean trusting = !fresh && trustsLocalUsers(dir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-runtime").toFile())
                    // The launcher stops the database itself, after the server and the broker.
                    .setRegisterShutdownHook(false)
                    // Crash recovery with fsync on can take a while on a slow disk.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The superuser gets its password at initdb; local and TCP connections must give it.
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setLocaleConfig("auth-local", PASSWORD_AUTHENTICATION)
                    .setLocaleConfig("auth-host", PASSWORD_AUTHENTICATION)
                    .setConnectConfig("password", superuser.password())
                    // Durable: a 202 for a job means the job is on disk. The library's test defaults turn these off.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", LISTEN_ADDRESS)
                    .setServerConfig("max_connections", "200")
                    // A job's database write and its JMS message commit together (two-phase commit).
                    .setServerConfig("max_prepared_transactions", "100")
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg, port);
            try {
                db.requireOwnDataDirectory(dir);
                if (trusting) {
                    db.requirePassword(dir, superuser);
                }
                db.createDatabaseIfMissing();
            } catch (SQLException | IOException | RuntimeException e) {
                db.close();
                throw e;
            }
            LOG.info(() -> "PostgreSQL ready on " + LISTEN_ADDRESS + ":" + port + ", data in " + dir);
            return db;
        } catch (IOException | SQLException e) {
            // A server that started but was not accepted must not outlive this attempt.
            OrphanedDatabase.stopIfRunning(dir);
            throw new LaunchException("PostgreSQL could not start on port " + port + " with data in " + dir + ": "
                    + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException e) {
                LOG.warning(() -> "could not remove " + passwordFile + ": " + e.getMessage());
            }
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + LISTEN_ADDRESS + ":" + port + "/" + DATABASE;
    }

    /** The server answering on our port must be the one working on our data directory, not another installation's. */
    private void requireOwnDataDirectory(Path dir) throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            Path serving = Path.of(rs.getString(1)).toRealPath();
            if (!serving.equals(dir.toRealPath())) {
                throw new LaunchException("the PostgreSQL answering on port " + port + " works on " + serving
                        + ", not on " + dir + "; stop it or choose another port with VOXCLONE_DB_PORT");
            }
        }
    }

    /** Databases created before passwords were required trust every local user: give the superuser its password and require it. */
    private void requirePassword(Path dir, Account superuser) throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = '" + PASSWORD_AUTHENTICATION + "'");
            s.execute("ALTER ROLE \"" + superuser.user() + "\" PASSWORD '" + superuser.password().replace("'", "''") + "'");
            Path hba = dir.resolve("pg_hba.conf");
            List<String> lines = Files.readAllLines(hba).stream()
                    .map(line -> isRule(line) ? line.replaceAll("\\btrust\\s*$", PASSWORD_AUTHENTICATION) : line)
                    .collect(Collectors.toList());
            Files.write(hba, lines);
            s.execute("SELECT pg_reload_conf()");
        }
        LOG.info(() -> "The database in " + dir + " now requires the password from " + GeneratedCredentials.FILE);
    }

    private static boolean trustsLocalUsers(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readAllLines(hba).stream().anyMatch(l -> isRule(l) && l.trim().matches(".*\\btrust$"));
    }

    private static boolean isRule(String line) {
        String t = line.trim();
        return !t.isEmpty() && !t.startsWith("#");
    }

    private static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "28P01".equals(sql.getSQLState())) {
                return "it does not accept the password in " + GeneratedCredentials.FILE + " (was that file replaced?"
                        + " Restore the one that was created with this database)";
            }
        }
        return e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    @Override
    public String toString() {
        return "the database (PostgreSQL)";
    }
}
