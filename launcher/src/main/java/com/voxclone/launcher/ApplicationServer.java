package com.voxclone.launcher;

import fish.payara.micro.BootstrapException;
import fish.payara.micro.ClusterCommandResult;
import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Payara Micro in the launcher's JVM. The Artemis resource adapter is deployed first (applications refer to it
 * by name), then the applications. Native libraries (FFmpeg, ONNX Runtime) go into the server's common class
 * path: a native library can be loaded by one class loader only, and both applications use FFmpeg.
 */
final class ApplicationServer implements AutoCloseable {

    /** An application to deploy, and where. */
    record Deployable(Path file, String name, String contextRoot) {
    }

    /** Server-level names of the shared connections (see Platform in the applications). */
    static final String DATA_SOURCE = "jdbc/voxclone";
    static final String CONNECTION_FACTORY = "jms/voxclone";
    private static final String DATABASE_POOL = "voxclone-database";
    private static final String BROKER_POOL = "voxclone-broker";

    private final PayaraMicroRuntime runtime;
    private final DeploymentReadiness readiness;

    private ApplicationServer(PayaraMicroRuntime runtime, DeploymentReadiness readiness) {
        this.runtime = runtime;
        this.readiness = readiness;
    }

    /**
     * @param brokerSettings the resource adapter's configuration (ConnectionParameters, UserName, Password), set
     *                       before it is deployed so that connection factories and message-driven beans inherit it
     * @param sendingBrokerSettings what the applications' sending connections set apart from it
     */
    static ApplicationServer start(int httpPort, Path transactionLog, Path serverLibraries, Path resourceAdapter,
                                   Map<String, String> brokerSettings, Map<String, String> sendingBrokerSettings,
                                   Map<String, String> databaseSettings,
                                   Runnable settleUndecided, List<Deployable> applications) {
        try {
            PayaraMicro micro = PayaraMicro.getInstance()
                    .setHttpPort(httpPort)
                    .setHttpAutoBind(false)
                    .setNoCluster(true)
                    .setMaxHttpThreads(64);
            micro.setPreBootHandler(admin -> {
                run(admin, "set", "configs.config.server-config.transaction-service.tx-log-dir=" + transactionLog);
                run(admin, "set", "configs.config.server-config.transaction-service.automatic-recovery=true");
            });
            micro.setPostBootHandler(admin -> run(admin, "create-resource-adapter-config", "--property",
                    asadminProperties(brokerSettings), "artemis-rar"));
            try (Stream<Path> jars = Files.list(serverLibraries)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jar -> micro.addLibrary(jar.toFile()));
            }
            PayaraMicroRuntime runtime = micro.bootStrap();
            // Before the first deployment: from then on Payara alone would report ready.
            ApplicationServer server = new ApplicationServer(runtime, DeploymentReadiness.register(runtime));
            server.deploy(new Deployable(resourceAdapter, "artemis-rar", null));
            server.createSharedResources(databaseSettings, sendingBrokerSettings);
            server.recoverTransactions();
            settleUndecided.run();
            for (Deployable app : applications) {
                server.deploy(app);
            }
            server.readiness.deployed();
            return server;
        } catch (BootstrapException | IOException e) {
            throw new LaunchException("Payara Micro could not start on port " + httpPort + ": " + e.getMessage()
                    + " (another process may use the port: set VOXCLONE_HTTP_PORT)", e);
        }
    }

    /** A configuration command while the server boots; its arguments may hold passwords, so they are never printed. */
    private static void run(fish.payara.micro.boot.AdminCommandRunner admin, String command, String... arguments) {
        ClusterCommandResult result = admin.run(command, arguments);
        if (result.getExitStatus() != ClusterCommandResult.ExitStatus.SUCCESS) {
            throw new LaunchException("could not configure the server ('" + command + "'): " + result.getOutput(), result.getFailureCause());
        }
    }

    /** {@code a=1:b=2} with the separators inside values escaped, as asadmin expects. */
    static String asadminProperties(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\="))
                .collect(Collectors.joining(":"));
    }

    /**
     * The database and broker connections the applications share, defined in the server (not in the applications)
     * so that the transaction manager knows them when it recovers transactions a crash left in doubt.
     */
    private void createSharedResources(Map<String, String> databaseSettings, Map<String, String> sendingBrokerSettings) {
        command("create-jdbc-connection-pool", "--datasourceclassname", "org.postgresql.xa.PGXADataSource",
                "--restype", "javax.sql.XADataSource", "--steadypoolsize", "2", "--maxpoolsize", "32",
                "--isconnectvalidatereq", "true", "--validationmethod", "custom-validation",
                "--validationclassname", "org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
                "--property", asadminProperties(databaseSettings), DATABASE_POOL);
        command("create-jdbc-resource", "--connectionpoolid", DATABASE_POOL, DATA_SOURCE);
        command("create-connector-connection-pool", "--raname", "artemis-rar",
                "--connectiondefinition", "org.apache.activemq.artemis.ra.ActiveMQRAConnectionFactory", "--transactionsupport", "XATransaction",
                "--steadypoolsize", "0", "--maxpoolsize", "32", "--property", asadminProperties(sendingBrokerSettings), BROKER_POOL);
        command("create-connector-resource", "--poolname", BROKER_POOL, CONNECTION_FACTORY);
    }

    /**
     * Completes the transactions a crash left prepared in the database and the broker which the transaction log (in
     * the data directory) says were committing. Runs before any application, so nothing waits on their locks or
     * messages; the undecided ones are settled next (see InDoubtTransactions).
     */
    private void recoverTransactions() {
        command("recover-transactions", "server");
    }

    private void command(String command, String... arguments) {
        try {
            for (var pending : runtime.run(command, arguments).values()) {
                ClusterCommandResult result = pending.get();
                if (result.getExitStatus() != ClusterCommandResult.ExitStatus.SUCCESS) {
                    throw new LaunchException("The server refused '" + command + "': " + result.getOutput(), result.getFailureCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while the server ran '" + command + "'", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new LaunchException("The server could not run '" + command + "': " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void deploy(Deployable d) {
        boolean ok = d.contextRoot() == null ? runtime.deploy(d.file().toFile())
                : runtime.deploy(d.name(), d.contextRoot(), d.file().toFile());
        if (!ok || !runtime.getDeployedApplicationNames().contains(d.name())) {
            throw new LaunchException("Deployment of " + d.name() + " (" + d.file() + ") failed; the server log above says why.");
        }
    }

    @Override
    public void close() throws Exception {
        readiness.stopping();
        try {
            runtime.shutdown();
        } catch (IllegalStateException alreadyStopped) {
            // Payara Micro's own shutdown hook got there first: nothing left to stop.
        }
    }

    static File requireFile(Path p, String what) {
        if (!Files.isRegularFile(p)) {
            throw new LaunchException(what + " not found at " + p + "; build first with ./mvnw install -DskipTests");
        }
        return p.toFile();
    }

    @Override
    public String toString() {
        return "the application server (Payara Micro)";
    }
}
