package com.voxclone.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/** PostgreSQL run from the launcher, with its data directory kept between starts. */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "voxclone";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            Path dir = dataDir.resolve("postgres");
            Files.createDirectories(dir.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setOverrideWorkingDirectory(dataDir.resolve("postgres-runtime").toFile())
                    .setServerConfig("max_connections", "200")
                    // A job's database write and its JMS message commit together (two-phase commit).
                    .setServerConfig("max_prepared_transactions", "100")
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg, port);
            db.createDatabaseIfMissing();
            LOG.info(() -> "PostgreSQL ready on 127.0.0.1:" + port + ", data in " + dir);
            return db;
        } catch (IOException | SQLException e) {
            throw new LaunchException("PostgreSQL could not start on port " + port + " with data in " + dataDir
                    + ": " + e.getMessage() + " (another process may use the port: set VOXCLONE_DB_PORT)", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
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
