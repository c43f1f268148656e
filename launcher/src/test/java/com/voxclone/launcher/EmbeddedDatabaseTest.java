package com.voxclone.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL as the launcher starts it: real servers on free loopback ports, in temporary directories. */
class EmbeddedDatabaseTest {

    private static final Account SUPERUSER = new Account(GeneratedCredentials.DATABASE_USER, "a-password-for-this-test");

    @TempDir
    Path dataDir;
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : started) {
            c.close();
        }
    }

    @Test
    void runsDurably() throws Exception {
        EmbeddedDatabase db = start(dataDir, FreePorts.next());
        try (Connection c = connect(db, SUPERUSER.password()); Statement s = c.createStatement()) {
            assertEquals("on", show(s, "fsync"), "a committed job must survive a power cut");
            assertEquals("on", show(s, "synchronous_commit"), "a 202 must mean the job is on disk");
            assertEquals("on", show(s, "full_page_writes"));
        }
    }

    @Test
    void onlyThePasswordOpensIt() throws Exception {
        EmbeddedDatabase db = start(dataDir, FreePorts.next());
        SQLException none = assertThrows(SQLException.class, () -> connect(db, null).close());
        assertTrue(none.getMessage().contains("password"), none.getMessage());
        SQLException wrong = assertThrows(SQLException.class, () -> connect(db, "guessed").close());
        assertEquals("28P01", wrong.getSQLState(), wrong.getMessage());
        try (Connection c = connect(db, SUPERUSER.password()); Statement s = c.createStatement();
             // The server's own reading of pg_hba.conf: the Unix socket too requires the password.
             ResultSet rs = s.executeQuery("SELECT type, auth_method FROM pg_hba_file_rules")) {
            int rules = 0;
            while (rs.next()) {
                assertEquals("scram-sha-256", rs.getString("auth_method"), "rule for " + rs.getString("type"));
                rules++;
            }
            assertTrue(rules > 0);
        }
        assertFalse(Files.exists(dataDir.resolve(".postgres-superuser-password")), "the initdb password file is removed");
    }

    @Test
    void aDatabaseThatTrustedEveryLocalUserIsGivenThePassword() throws Exception {
        int port = FreePorts.next();
        // As earlier launcher versions created it: initdb with trust for everyone.
        EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres")).setCleanDataDirectory(false).setPort(port)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-runtime").toFile()).setRegisterShutdownHook(false)
                .start().close();
        EmbeddedDatabase db = start(dataDir, port);
        assertThrows(SQLException.class, () -> connect(db, null).close());
        try (Connection c = connect(db, SUPERUSER.password())) {
            assertTrue(c.isValid(2));
        }
    }

    @Test
    void aForeignPostgresOnThePortIsNamedAndNotUsed(@TempDir Path otherInstallation) throws Exception {
        int port = FreePorts.next();
        start(otherInstallation, port);
        LaunchException e = assertThrows(LaunchException.class, () -> start(dataDir, port));
        assertTrue(e.getMessage().contains("port " + port), e.getMessage());
        assertTrue(e.getMessage().contains("VOXCLONE_DB_PORT"), e.getMessage());
        assertTrue(e.getMessage().contains("a PostgreSQL"), e.getMessage());
        assertTrue(e.getMessage().contains(otherInstallation.resolve("postgres").toRealPath().toString()), e.getMessage());
        assertFalse(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")), "nothing was started for our data");
    }

    @Test
    void aPortHeldByAnotherProcessIsRefusedAtOnce() throws Exception {
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getByName(EmbeddedDatabase.LISTEN_ADDRESS))) {
            int port = foreign.getLocalPort();
            long before = System.nanoTime();
            LaunchException e = assertThrows(LaunchException.class, () -> start(dataDir, port));
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - before) < 5, "no waiting for a server that cannot start");
            assertTrue(e.getMessage().startsWith("port " + port + " (VOXCLONE_DB_PORT, for the embedded database) is already in use"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
        }
    }

    @Test
    void aDatabaseLeftRunningByAKilledLauncherIsStoppedThenStartedAgain() throws Exception {
        int port = FreePorts.next();
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledLauncher.class.getName(), dataDir.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
        Optional<ProcessHandle> orphan = Optional.empty();
        try {
            awaitLine(launcher, KilledLauncher.READY);
            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            orphan = OrphanedDatabase.find(dataDir.resolve("postgres"));
            assertTrue(orphan.isPresent(), "PostgreSQL outlives the killed launcher");

            EmbeddedDatabase db = start(dataDir, port);
            assertFalse(orphan.get().isAlive(), "the orphan was stopped");
            try (Connection c = connect(db, SUPERUSER.password())) {
                assertTrue(c.isValid(2));
            }
            assertNotEquals(orphan.get().pid(), OrphanedDatabase.find(dataDir.resolve("postgres")).orElseThrow().pid());
        } finally {
            launcher.destroyForcibly();
            orphan.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroy);
            orphan.ifPresent(p -> p.onExit().join());
        }
    }

    @Test
    void theDatabaseOfAStartThatStillRunsIsNeverStopped() throws Exception {
        EmbeddedDatabase db = start(dataDir, FreePorts.next());
        LaunchException e = assertThrows(LaunchException.class, () -> OrphanedDatabase.stopIfRunning(dataDir.resolve("postgres")));
        assertTrue(e.getMessage().contains("still running"), e.getMessage());
        try (Connection c = connect(db, SUPERUSER.password())) {
            assertTrue(c.isValid(2), "the database still serves its start");
        }
    }

    /** A launcher that starts the database and is then killed (-9) by the test. */
    static final class KilledLauncher {
        static final String READY = "database ready";

        public static void main(String[] args) throws Exception {
            EmbeddedDatabase.start(Path.of(args[0]), Integer.parseInt(args[1]), SUPERUSER);
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }

    private EmbeddedDatabase start(Path dir, int port) {
        EmbeddedDatabase db = EmbeddedDatabase.start(dir, port, SUPERUSER);
        started.add(0, db);
        return db;
    }

    private static Connection connect(EmbeddedDatabase db, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER.user());
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void awaitLine(Process p, String expected) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals(expected)) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the launcher ended before its database was ready:\n" + seen);
    }
}
