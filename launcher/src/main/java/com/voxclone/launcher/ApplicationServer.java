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

    private final PayaraMicroRuntime runtime;
    private final DeploymentReadiness readiness;

    private ApplicationServer(PayaraMicroRuntime runtime, DeploymentReadiness readiness) {
        this.runtime = runtime;
        this.readiness = readiness;
    }

    /**
     * @param brokerSettings the resource adapter's configuration (ConnectionParameters, UserName, Password), set
     *                       before it is deployed so that connection factories and message-driven beans inherit it
     */
    static ApplicationServer start(int httpPort, Path serverLibraries, Path resourceAdapter, Map<String, String> brokerSettings,
                                   List<Deployable> applications) {
        try {
            PayaraMicro micro = PayaraMicro.getInstance()
                    .setHttpPort(httpPort)
                    .setHttpAutoBind(false)
                    .setNoCluster(true)
                    .setMaxHttpThreads(64);
            micro.setPostBootHandler(admin -> {
                ClusterCommandResult result = admin.run("create-resource-adapter-config", "--property",
                        asadminProperties(brokerSettings), "artemis-rar");
                if (result.getExitStatus() != ClusterCommandResult.ExitStatus.SUCCESS) {
                    throw new LaunchException("could not configure the broker connection: " + result.getOutput(), result.getFailureCause());
                }
            });
            try (Stream<Path> jars = Files.list(serverLibraries)) {
                jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jar -> micro.addLibrary(jar.toFile()));
            }
            PayaraMicroRuntime runtime = micro.bootStrap();
            // Before the first deployment: from then on Payara alone would report ready.
            ApplicationServer server = new ApplicationServer(runtime, DeploymentReadiness.register(runtime));
            server.deploy(new Deployable(resourceAdapter, "artemis-rar", null));
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

    /** {@code a=1:b=2} with the separators inside values escaped, as asadmin expects. */
    static String asadminProperties(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\="))
                .collect(Collectors.joining(":"));
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
