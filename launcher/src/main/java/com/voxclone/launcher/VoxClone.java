package com.voxclone.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code ./voxclone}: {@code start} runs the whole product on this machine (embedded PostgreSQL and
 * Artemis unless external ones are configured, Payara Micro with both applications); {@code worker} runs a
 * worker-only node against an external database and broker. Stops cleanly on Ctrl-C / SIGTERM: the server first
 * (message-driven beans, pools), then the broker, then the database.
 */
public final class VoxClone {

    private static final Logger LOG = Logger.getLogger(VoxClone.class.getName());

    private final LauncherSettings settings;
    private final Path home;
    /** What is running, most recent first: closing in this order is the safe shutdown order. */
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    VoxClone(LauncherSettings settings, Path home) {
        this.settings = settings;
        this.home = home;
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "start" : args[0];
        try {
            LauncherSettings settings = LauncherSettings.from(System.getenv());
            VoxClone voxclone = new VoxClone(settings, installationHome());
            switch (command) {
                case "start" -> voxclone.runUntilStopped(false);
                case "worker" -> voxclone.runUntilStopped(true);
                case "help", "--help", "-h" -> printUsage();
                default -> {
                    System.err.println("Unknown command '" + command + "'.");
                    printUsage();
                    System.exit(2);
                }
            }
        } catch (LaunchException e) {
            System.err.println("VoxClone could not start: " + e.getMessage());
            if (e.getCause() != null) {
                LOG.log(Level.FINE, "cause", e.getCause());
            }
            System.exit(1);
        }
    }

    private static void printUsage() {
        System.out.println("""
                Usage: ./voxclone start    run everything on this machine (portal, API, worker, embedded services)
                       ./voxclone worker   run a worker-only node (needs VOXCLONE_DB_URL and VOXCLONE_BROKER_URL)
                       ./voxclone models fetch | install <dir|archive> | verify [chatterbox|chatterbox-turbo|chatterbox-multilingual]
                                           manage a Chatterbox model's files (VOXCLONE_MODELS_DIR/<model>)
                       ./voxclone test     run the whole test suite
                See README.md for the environment variables.""");
    }

    void runUntilStopped(boolean workerOnly) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop();
            stopped.countDown();
        }, "voxclone-shutdown"));
        start(workerOnly);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void start(boolean workerOnly) {
        if (workerOnly && (settings.embeddedDatabase() || settings.embeddedBroker())) {
            throw new LaunchException("a worker node uses the database and broker of the main node: set "
                    + "VOXCLONE_DB_URL (e.g. jdbc:postgresql://main-node:15432/voxclone) and VOXCLONE_BROKER_URL "
                    + "(e.g. tcp://main-node:61616)");
        }
        try {
            Files.createDirectories(settings.dataDir());
            PrivateFile.restrictDirectory(settings.dataDir());
        } catch (IOException e) {
            throw new LaunchException("cannot create the data directory " + settings.dataDir() + ": " + e.getMessage(), e);
        }
        running.push(DataDirectoryLock.acquire(settings.dataDir()));
        GeneratedCredentials generated = settings.embeddedDatabase() || settings.embeddedBroker()
                ? GeneratedCredentials.loadOrCreate(settings.dataDir()) : null;
        Account database = settings.embeddedDatabase() ? generated.database() : settings.externalDatabaseAccount();
        Account broker = settings.embeddedBroker() ? generated.broker() : settings.externalBrokerAccount();
        warnAboutUnusedAccounts();
        if (settings.embeddedDatabase()) {
            OrphanedDatabase.stopIfRunning(settings.dataDir().resolve("postgres"));
        }
        requirePortsFree();

        String dbUrl = settings.dbUrl().orElseGet(() -> {
            EmbeddedDatabase db = EmbeddedDatabase.start(settings.dataDir(), settings.embeddedDbPort(), database);
            running.push(db);
            return db.jdbcUrl();
        });
        // The embedded broker is reached on the loopback interface, whatever interface it also listens on.
        String brokerUrl = settings.brokerUrl().orElseGet(() -> {
            running.push(EmbeddedBroker.start(settings, broker));
            return "tcp://127.0.0.1:" + settings.embeddedBrokerPort();
        });
        applicationConfiguration(dbUrl, database, broker, workerOnly).forEach(System::setProperty);
        // Without it, every Json.create… call looks the JSON provider up with a ServiceLoader over the applications'
        // class path: 2-5 ms each, most of the time it took to announce a job's start.
        System.setProperty("jakarta.json.provider", "org.eclipse.parsson.JsonProviderImpl");

        Path deploy = home.resolve("deploy");
        List<ApplicationServer.Deployable> apps = workerOnly
                ? List.of(worker(deploy))
                : List.of(new ApplicationServer.Deployable(deploy.resolve("voxclone-web.war"), "voxclone-web", "/"), worker(deploy));
        apps.forEach(a -> ApplicationServer.requireFile(a.file(), a.name()));
        Path transactionLog = settings.dataDir().resolve("transactions");
        running.push(ApplicationServer.start(settings.httpPort(), transactionLog,
                home.resolve("server-lib"),
                ApplicationServer.requireFile(deploy.resolve("artemis-rar.rar"), "artemis-rar").toPath(),
                brokerSettings(brokerUrl, broker), sendingBrokerSettings(),
                databaseSettings(dbUrl, database),
                () -> settleUndecidedTransactions(transactionLog, dbUrl, database, brokerUrl, broker), apps));
        printWelcome(workerOnly);
    }

    /**
     * Every port this start will listen on must be free before anything starts: a service of another installation
     * on one of them would otherwise be used in place of our own, or our service would fail half-way.
     */
    void requirePortsFree() {
        if (settings.embeddedDatabase()) {
            PortGuard.requireFree(EmbeddedDatabase.LISTEN_ADDRESS, settings.embeddedDbPort(), "VOXCLONE_DB_PORT", "the embedded database");
        }
        if (settings.embeddedBroker()) {
            PortGuard.requireFree(settings.embeddedBrokerBind(), settings.embeddedBrokerPort(), "VOXCLONE_BROKER_PORT", "the embedded broker");
        }
        // Payara Micro listens on all interfaces.
        PortGuard.requireFree("0.0.0.0", settings.httpPort(), "VOXCLONE_HTTP_PORT", "the portal and API");
    }

    private void warnAboutUnusedAccounts() {
        Path file = settings.dataDir().resolve(GeneratedCredentials.FILE);
        if (settings.embeddedDatabase() && (settings.dbUser().isPresent() || settings.dbPassword().isPresent())) {
            LOG.warning(() -> "VOXCLONE_DB_USER / VOXCLONE_DB_PASSWORD are for an external database (VOXCLONE_DB_URL) and are"
                    + " not used: the embedded database's account is in " + file);
        }
        if (settings.embeddedBroker() && (settings.brokerUser().isPresent() || settings.brokerPassword().isPresent())) {
            LOG.warning(() -> "VOXCLONE_BROKER_USER / VOXCLONE_BROKER_PASSWORD are for an external broker (VOXCLONE_BROKER_URL)"
                    + " and are not used: the embedded broker's account is in " + file);
        }
    }

    private static ApplicationServer.Deployable worker(Path deploy) {
        return new ApplicationServer.Deployable(deploy.resolve("voxclone-worker.war"), "voxclone-worker", "/worker");
    }

    /** MicroProfile Config values for the applications (system properties outrank environment variables). */
    Map<String, String> applicationConfiguration(String dbUrl, Account database, Account broker, boolean workerOnly) {
        var props = new LinkedHashMap<String, String>();
        props.put("voxclone.db.url", dbUrl);
        props.put("voxclone.db.user", database.user());
        props.put("voxclone.db.password", database.password());
        // The connection factory's sign-on account (see the resource adapter's ra.xml); message-driven beans use
        // the adapter's own UserName / Password.
        props.put("voxclone.broker.user", broker.user());
        props.put("voxclone.broker.password", broker.password());
        // Where integration accounts are told to connect (VOXCLONE_BROKER_PUBLIC_URL, when set, says better).
        if (System.getenv("VOXCLONE_BROKER_PUBLIC_URL") == null) {
            props.put("voxclone.broker.public-url", settings.brokerUrl().map(LauncherSettings::clientUrl).orElseGet(() -> "tcp://"
                    + (settings.embeddedBrokerBind().equals("0.0.0.0") ? hostName() : settings.embeddedBrokerBind())
                    + ":" + settings.embeddedBrokerPort()));
        }
        props.put("voxclone.data.dir", settings.dataDir().toString());
        props.put("voxclone.model.dir", settings.modelDir().toString());
        // Read by the workers' message selectors while they deploy, before any application configuration exists.
        props.put("voxclone.node.model", settings.nodeModel());
        props.put("voxclone.worker.concurrency", Integer.toString(settings.workerConcurrency()));
        props.put("voxclone.jobs.max-attempts", Integer.toString(settings.jobMaxAttempts()));
        props.put("voxclone.node.name", settings.nodeName() + (workerOnly ? "-worker" : ""));
        settings.bootstrapApiKey().ifPresent(k -> props.put("voxclone.bootstrap.api-key", k));
        return props;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Rolls back what a crash of this node left prepared without a decision (see InDoubtTransactions). */
    private static void settleUndecidedTransactions(Path transactionLog, String dbUrl, Account database, String brokerUrl,
                                                    Account broker) {
        Optional<String> manager = InDoubtTransactions.transactionManagerName(transactionLog);
        if (manager.isEmpty()) {
            return;
        }
        try (InDoubtTransactions.Participant db = InDoubtTransactions.database(dbUrl, database);
             InDoubtTransactions.Participant mq = InDoubtTransactions.broker(brokerUrl, broker)) {
            InDoubtTransactions.rollBackUndecided(manager.get(), List.of(db, mq));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while settling transactions left in doubt by a crash", e);
        } catch (Exception e) {
            throw new LaunchException("could not settle the transactions a crash left in doubt in the database or the broker: "
                    + e.getMessage(), e);
        }
    }

    /** The database connection pool's properties; stringType=unspecified lets EclipseLink bind a null UUID. */
    static Map<String, String> databaseSettings(String dbUrl, Account database) {
        var props = new LinkedHashMap<String, String>();
        props.put("url", dbUrl);
        props.put("user", database.user());
        props.put("password", database.password());
        props.put("stringType", "unspecified");
        return props;
    }

    /**
     * The Artemis resource adapter's configuration: where the broker is and how to log in. Its message-driven beans
     * keep the adapter's own reconnection (they try again every 2 s for as long as the broker is away, and take
     * messages again once it is back); a call waits at most 10 s for an answer.
     */
    Map<String, String> brokerSettings(String brokerUrl, Account broker) {
        int servers = LauncherSettings.brokerServers(brokerUrl).size();
        var props = new LinkedHashMap<String, String>();
        props.put("ConnectorClassName", String.join(",",
                Collections.nCopies(servers, "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory")));
        props.put("ConnectionParameters", LauncherSettings.connectionParameters(brokerUrl));
        if (servers > 1) {
            // A primary and its backup: the connections follow the pair's topology and move to the backup.
            props.put("HA", "true");
        }
        props.put("UserName", broker.user());
        props.put("Password", broker.password());
        props.put("CallTimeout", "10000");
        props.put("CallFailoverTimeout", "10000");
        return props;
    }

    /**
     * The connections the applications send with: while the broker is away, a request that needs it must not wait
     * for it. A broken connection is given up at once (the pool makes new ones) and a new connection tries twice
     * (measured: an upload refused with 503 after about 2 s instead of a 500 after about 2 minutes).
     */
    static Map<String, String> sendingBrokerSettings() {
        var props = new LinkedHashMap<String, String>();
        props.put("InitialConnectAttempts", "2");
        props.put("ReconnectAttempts", "0");
        return props;
    }

    private void printWelcome(boolean workerOnly) {
        String base = "http://localhost:" + settings.httpPort();
        StringBuilder out = new StringBuilder("\n");
        if (workerOnly) {
            out.append("VoxClone worker node '").append(settings.nodeName()).append("-worker' is running.\n")
                    .append("  Health:    ").append(base).append("/health/ready\n");
        } else {
            Path keyFile = settings.dataDir().resolve("admin-api-key.txt");
            out.append("VoxClone is running.\n")
                    .append("  Portal:    ").append(base).append("/\n")
                    .append("  API:       ").append(base).append("/api/public/voice/...  (OpenAPI document: ")
                    .append(base).append("/openapi)\n")
                    .append("  Health:    ").append(base).append("/health/ready\n")
                    .append("  Admin key: ").append(settings.bootstrapApiKey().isPresent()
                            ? "the value of VOXCLONE_BOOTSTRAP_API_KEY"
                            : Files.exists(keyFile) ? "in " + keyFile : "an administrator already existed in the database")
                    .append('\n');
            if (settings.embeddedDatabase() || settings.embeddedBroker()) {
                out.append("  Accounts:  of the database and broker (for worker nodes) in ")
                        .append(settings.dataDir().resolve(GeneratedCredentials.FILE)).append('\n');
            }
        }
        out.append("  Data:      ").append(settings.dataDir()).append('\n')
                .append("Press Ctrl-C to stop.\n");
        System.out.println(out);
    }

    /** How long one service may take to stop before the next is stopped anyway. */
    private static final long STOP_STEP_SECONDS = 40;

    /**
     * Stops what was started, newest first, each step bounded in time so that one stuck service cannot keep the
     * others (and the data) from shutting down cleanly. Progress goes to standard output: the JDK's logging is
     * already being reset while shutdown hooks run. Safe to call more than once.
     */
    synchronized void stop() {
        if (running.isEmpty()) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(STOP_STEP_SECONDS * 3 + 10));
                System.out.println("VoxClone: shutdown is stuck; stopping the process now.");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException done) {
                // finished in time
            }
        }, "voxclone-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            System.out.println("VoxClone: stopping " + c);
            Thread step = new Thread(() -> {
                try {
                    c.close();
                } catch (Exception e) {
                    System.out.println("VoxClone: problem while stopping " + c + ": " + e);
                }
            }, "voxclone-stop");
            step.setDaemon(true);
            step.start();
            try {
                step.join(TimeUnit.SECONDS.toMillis(STOP_STEP_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (step.isAlive()) {
                System.out.println("VoxClone: " + c + " did not stop within " + STOP_STEP_SECONDS + " s; continuing");
            }
        }
        System.out.println("VoxClone: stopped.");
        watchdog.interrupt();
        haltIfStillRunningAfter(Duration.ofSeconds(15));
    }

    /**
     * Everything VoxClone started is closed; if other shutdown tasks (the server's own) still hold the JVM after
     * a grace period, end it: nothing is left that could lose data.
     */
    private static void haltIfStillRunningAfter(Duration grace) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(grace.toMillis());
                System.out.println("VoxClone: remaining shutdown tasks did not finish within " + grace.toSeconds() + " s; exiting.");
                Runtime.getRuntime().halt(0);
            } catch (InterruptedException ignored) {
                // the JVM is ending anyway
            }
        }, "voxclone-exit");
        t.setDaemon(true);
        t.start();
    }

    /** The folder holding the launcher jar, with deploy/ and server-lib/ beside it. */
    private static Path installationHome() {
        try {
            Path jar = Path.of(VoxClone.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(jar) ? jar.getParent() : jar.getParent();
        } catch (URISyntaxException e) {
            throw new LaunchException("cannot locate the launcher installation", e);
        }
    }
}
