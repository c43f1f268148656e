package com.voxclone.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The real product, started as users start it ({@code java -jar voxclone-launcher.jar start}) in a child process
 * with its own data directory and free ports on the loopback interface. Stopping sends SIGTERM, as Ctrl-C would,
 * and waits for the orderly shutdown.
 */
public final class VoxCloneStack implements AutoCloseable {

    public static final String ADMIN_KEY = "vxc_system-test-administrator-key";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final String command;
    private String heap = "1g";
    private final Path dataDir;
    private final Map<String, String> environment;
    private final int httpPort;
    private final Path log;
    private Process process;
    private int starts;
    private boolean frozen;

    private VoxCloneStack(String command, Path dataDir, Map<String, String> environment, int httpPort, Path log) {
        this.command = command;
        this.dataDir = dataDir;
        this.environment = environment;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** A whole product on this machine with embedded services; {@code extra} adds or overrides environment. */
    public static VoxCloneStack embedded(String name, Map<String, String> extra) throws IOException {
        Path dataDir = TempDirs.create(name);
        Map<String, String> env = new HashMap<>();
        int http = freePort();
        env.put("VOXCLONE_HTTP_PORT", Integer.toString(http));
        env.put("VOXCLONE_DB_PORT", Integer.toString(freePort()));
        env.put("VOXCLONE_BROKER_PORT", Integer.toString(freePort()));
        env.put("VOXCLONE_DATA_DIR", dataDir.toString());
        env.put("VOXCLONE_BOOTSTRAP_API_KEY", ADMIN_KEY);
        env.put("VOXCLONE_NODE_NAME", "it-" + name);
        // Most tests are about other things than consent; ConsentIT runs the default policy (require).
        env.put("VOXCLONE_CONSENT_POLICY", "off");
        env.putAll(extra);
        return new VoxCloneStack("start", dataDir, env, http, logFile(name));
    }

    /**
     * A worker-only node using the database and broker of {@code main}, with the accounts {@code main} generated on
     * its first start (so {@code main} must have been started).
     */
    public static VoxCloneStack workerFor(VoxCloneStack main, String name) throws IOException {
        Path dataDir = TempDirs.create(name);
        Map<String, String> env = new HashMap<>();
        int http = freePort();
        Properties accounts = main.accounts();
        env.put("VOXCLONE_HTTP_PORT", Integer.toString(http));
        env.put("VOXCLONE_DATA_DIR", dataDir.toString());
        env.put("VOXCLONE_DB_URL", "jdbc:postgresql://127.0.0.1:" + main.environment.get("VOXCLONE_DB_PORT") + "/voxclone");
        env.put("VOXCLONE_DB_USER", accounts.getProperty("db.user"));
        env.put("VOXCLONE_DB_PASSWORD", accounts.getProperty("db.password"));
        env.put("VOXCLONE_BROKER_URL", "tcp://127.0.0.1:" + main.environment.get("VOXCLONE_BROKER_PORT"));
        env.put("VOXCLONE_BROKER_USER", accounts.getProperty("broker.user"));
        env.put("VOXCLONE_BROKER_PASSWORD", accounts.getProperty("broker.password"));
        env.put("VOXCLONE_NODE_NAME", "it-" + name);
        env.put("VOXCLONE_CONSENT_POLICY", main.environment.get("VOXCLONE_CONSENT_POLICY"));
        // The same drills as the main node, so either node may take a drill's jobs.
        main.environment.forEach((variable, value) -> {
            if (variable.startsWith("VOXCLONE_DRILLS_") || variable.startsWith("VOXCLONE_FAULTS_")) {
                env.put(variable, value);
            }
        });
        return new VoxCloneStack("worker", dataDir, env, http, logFile(name));
    }

    /** The server's largest heap, as {@code -Xmx} takes it (the product's launch script uses 1g). */
    public VoxCloneStack withHeap(String heap) {
        this.heap = heap;
        return this;
    }

    public synchronized VoxCloneStack start() throws IOException, InterruptedException {
        String jar = System.getProperty("voxclone.launcher.jar", "../launcher/target/voxclone-launcher.jar");
        boolean restart = starts++ > 0;
        // A first start begins a fresh log; a restart appends, so only banners beyond the earlier ones count.
        int bannersBefore = restart ? banners() : 0;
        ProcessBuilder pb = new ProcessBuilder(javaExecutable(), "-Xmx" + heap, "-XX:+UseSerialGC", "-jar", Path.of(jar).toAbsolutePath().toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(restart ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().putAll(environment);
        process = pb.start();
        Process started = process;
        // Never leave a server behind, even when the test JVM is stopped early.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (started.isAlive()) {
                started.destroy();
                try {
                    if (!started.waitFor(60, TimeUnit.SECONDS)) {
                        started.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    started.destroyForcibly();
                }
            }
        }, "voxclone-it-cleanup"));
        try {
            awaitReady(bannersBefore);
        } catch (RuntimeException | IOException | InterruptedException e) {
            // A failed first start never reaches the caller's try-with-resources: nothing else would remove its data.
            if (!restart && !running()) {
                TempDirs.delete(dataDir);
            }
            throw e;
        }
        return this;
    }

    /** Ctrl-C equivalent, then wait for the orderly shutdown. */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        if (frozen) {
            // A frozen process takes no SIGTERM until it runs again; it is gone for good instead.
            kill();
            return;
        }
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("VoxClone did not stop within 90 s after SIGTERM; see " + log);
        }
        process = null;
    }

    /**
     * {@code kill -9} of the launcher: no shutdown code runs. PostgreSQL, in a process group of its own, keeps running
     * as after a real crash, for the next start on the same data directory to recognise and stop.
     */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
        frozen = false;
    }

    /**
     * Freezes the node ({@code kill -STOP}) as a machine that vanished: no shutdown code, no heartbeat, and its sockets
     * stay open, so neither the database nor the broker hears that it went. {@link #kill()} ends it.
     */
    public synchronized void freeze() throws IOException, InterruptedException {
        if (process != null && new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor() != 0) {
            throw new IllegalStateException("the node's process " + process.pid() + " could not be stopped");
        }
        frozen = true;
    }

    /** SIGTERM without waiting, for a drill that times the stop itself with {@link #awaitExit}. */
    public synchronized void requestStop() {
        if (process != null) {
            process.destroy();
        }
    }

    /** Waits for the product's process to end by itself (a drill that stops it); false when it still runs. */
    public synchronized boolean awaitExit(Duration timeout) throws InterruptedException {
        if (process == null || process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process = null;
            return true;
        }
        return false;
    }

    /** Changes a setting for the next start ({@code null} removes it). */
    public void setting(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** A connection factory for the embedded broker, signed on with its account, as an external system would be. */
    public ActiveMQConnectionFactory jmsConnectionFactory() throws IOException {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort(), brokerUser(), brokerPassword());
    }

    /** A connection to the embedded database with its generated account, for checks no API shows. */
    public Connection database() throws IOException, SQLException {
        Properties accounts = accounts();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + environment.get("VOXCLONE_DB_PORT") + "/voxclone",
                accounts.getProperty("db.user"), accounts.getProperty("db.password"));
    }

    /** The embedded broker's TCP port, for tests that talk JMS like an external system. */
    public int brokerPort() {
        return Integer.parseInt(environment.get("VOXCLONE_BROKER_PORT"));
    }

    /** The embedded broker's generated account: user name. */
    public String brokerUser() throws IOException {
        return accounts().getProperty("broker.user");
    }

    /** The embedded broker's generated account: password. */
    public String brokerPassword() throws IOException {
        return accounts().getProperty("broker.password");
    }

    /** The accounts of the embedded database and broker, generated into the data directory on the first start. */
    private Properties accounts() throws IOException {
        Path file = dataDir.resolve("credentials.properties");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no " + file + ": start the main node first, it generates the accounts");
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    public String logText() throws IOException {
        return Files.readString(log);
    }

    /** Stops the product and removes its data directory; the log stays in {@code target/stack-logs}. */
    @Override
    public void close() throws InterruptedException {
        try {
            stop();
        } finally {
            if (!running()) {
                TempDirs.delete(dataDir);
            }
        }
    }

    /** How often the launcher has announced a finished start in the log (the log is kept across restarts). */
    private int banners() throws IOException {
        String banner = command.equals("worker") ? "worker node" : "VoxClone is running.";
        return logText().split(Pattern.quote(banner), -1).length - 1;
    }

    private void awaitReady(int bannersBefore) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("VoxClone exited with " + process.exitValue() + " while starting; see " + log
                        + "\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(baseUri().resolve("/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && banners() > bannersBefore) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is not listening yet
            }
            Thread.sleep(1000);
        }
        stop();
        throw new IllegalStateException("VoxClone was not ready within " + START_TIMEOUT.toSeconds() + " s; see " + log + "\n" + tail());
    }

    private String tail() throws IOException {
        String text = Files.readString(log);
        return text.substring(Math.max(0, text.length() - 4000));
    }

    private static Path logFile(String name) throws IOException {
        Path dir = Path.of(System.getProperty("voxclone.it.logs", "target/stack-logs"));
        Files.createDirectories(dir);
        return dir.resolve(name + ".log");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * {@code settings} plus the drill setting that holds jobs whose voice name matches {@code voiceNames} for
     * {@code seconds} before their work, so that a fault can be injected while they are in flight.
     */
    static Map<String, String> holdingJobs(String voiceNames, int seconds, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("VOXCLONE_DRILLS_ENABLED", "true",
                "VOXCLONE_FAULTS_SLOW_VOICE_NAMES", voiceNames, "VOXCLONE_FAULTS_SLOW_SECONDS", String.valueOf(seconds)));
        all.putAll(settings);
        return all;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
