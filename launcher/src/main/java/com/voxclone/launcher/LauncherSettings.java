package com.voxclone.launcher;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything the launcher reads from the environment, with the defaults documented in the README.
 * Embedded PostgreSQL / Artemis are used unless an external URL is given. There are no default passwords: the
 * embedded services use generated accounts ({@link GeneratedCredentials}), external ones the accounts given here.
 */
record LauncherSettings(
        int httpPort,
        Path dataDir,
        Optional<String> bootstrapApiKey,
        Optional<String> dbUrl, Optional<String> dbUser, Optional<String> dbPassword, int embeddedDbPort,
        Optional<String> brokerUrl, Optional<String> brokerUser, Optional<String> brokerPassword, int embeddedBrokerPort, String embeddedBrokerBind,
        int jobMaxAttempts, long redeliveryDelayMillis,
        String nodeName, Path modelDir, String nodeModel, int workerConcurrency) {

    static LauncherSettings from(Map<String, String> env) {
        return new LauncherSettings(
                intValue(env, "VOXCLONE_HTTP_PORT", 8080),
                dataDir(env),
                text(env, "VOXCLONE_BOOTSTRAP_API_KEY"),
                text(env, "VOXCLONE_DB_URL"),
                text(env, "VOXCLONE_DB_USER"),
                text(env, "VOXCLONE_DB_PASSWORD"),
                intValue(env, "VOXCLONE_DB_PORT", 15432),
                text(env, "VOXCLONE_BROKER_URL"),
                text(env, "VOXCLONE_BROKER_USER"),
                text(env, "VOXCLONE_BROKER_PASSWORD"),
                intValue(env, "VOXCLONE_BROKER_PORT", 61616),
                env.getOrDefault("VOXCLONE_BROKER_BIND", "127.0.0.1"),
                intValue(env, "VOXCLONE_JOB_MAX_ATTEMPTS", 3),
                intValue(env, "VOXCLONE_JOB_REDELIVERY_DELAY_MS", 2000),
                text(env, "VOXCLONE_NODE_NAME").orElseGet(LauncherSettings::hostName),
                text(env, "VOXCLONE_MODEL_DIR").map(Path::of).orElseGet(() -> modelsDir(env).resolve(text(env, "VOXCLONE_MODEL").orElse("chatterbox")))
                        .toAbsolutePath().normalize(),
                nodeModel(env),
                workerConcurrency(env));
    }

    /**
     * Jobs and synthesis requests each worker bean takes at once ({@code VOXCLONE_WORKER_CONCURRENCY}): by default 2,
     * or as many as the engine lets onto the device ({@code VOXCLONE_ENGINE_CONCURRENCY}) when that is more, so that
     * requests can share the device's batches.
     */
    private static int workerConcurrency(Map<String, String> env) {
        int sessions = intValue(env, "VOXCLONE_WORKER_CONCURRENCY", Math.max(2, intValue(env, "VOXCLONE_ENGINE_CONCURRENCY", 1)));
        if (sessions < 1 || sessions > 256) {
            throw new LaunchException("VOXCLONE_WORKER_CONCURRENCY must be between 1 and 256, was " + sessions);
        }
        return sessions;
    }

    /**
     * The model this node holds, as requests name it: the offline engine's own, or the Chatterbox model of
     * {@code VOXCLONE_MODEL}. Its worker takes only the jobs for this model (and those naming none).
     */
    private static String nodeModel(Map<String, String> env) {
        String engine = text(env, "VOXCLONE_ENGINE").orElse("offline");
        return engine.equals("chatterbox") ? text(env, "VOXCLONE_MODEL").orElse("chatterbox") : engine;
    }

    /** Each model in a folder named by its id ({@code VOXCLONE_MODEL}, by default {@code chatterbox}). */
    private static Path modelsDir(Map<String, String> env) {
        return text(env, "VOXCLONE_MODELS_DIR").map(Path::of).orElseGet(() -> dataDir(env).resolve("models"));
    }

    private static Path dataDir(Map<String, String> env) {
        return Path.of(env.getOrDefault("VOXCLONE_DATA_DIR", "data")).toAbsolutePath().normalize();
    }

    boolean embeddedDatabase() {
        return dbUrl.isEmpty();
    }

    boolean embeddedBroker() {
        return brokerUrl.isEmpty();
    }

    /** The account for the external database of VOXCLONE_DB_URL. */
    Account externalDatabaseAccount() {
        return account("VOXCLONE_DB_URL", dbUser, "VOXCLONE_DB_USER", dbPassword, "VOXCLONE_DB_PASSWORD");
    }

    /** The account for the external broker of VOXCLONE_BROKER_URL. */
    Account externalBrokerAccount() {
        return account("VOXCLONE_BROKER_URL", brokerUser, "VOXCLONE_BROKER_USER", brokerPassword, "VOXCLONE_BROKER_PASSWORD");
    }

    private Account account(String url, Optional<String> user, String userName, Optional<String> password, String passwordName) {
        if (user.isEmpty() || password.isEmpty()) {
            throw new LaunchException(url + " is set, so " + userName + " and " + passwordName + " are needed as well"
                    + " (for the embedded services of a main node they are in its data directory, in "
                    + GeneratedCredentials.FILE + ")");
        }
        return new Account(user.get(), password.get());
    }

    /**
     * The broker servers of {@code VOXCLONE_BROKER_URL}: one ({@code tcp://broker.example.com:61616}), or a primary and
     * its backup separated by a comma ({@code tcp://broker-a:61616,tcp://broker-b:61616}).
     */
    static List<URI> brokerServers(String brokerUrl) {
        List<URI> servers = new ArrayList<>();
        for (String part : brokerUrl.split(",")) {
            URI uri = URI.create(part.trim());
            if (!"tcp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new LaunchException("VOXCLONE_BROKER_URL must look like tcp://host:61616 (or, for a primary and its "
                        + "backup, tcp://host-a:61616,tcp://host-b:61616), was '" + brokerUrl + "'");
            }
            servers.add(URI.create("tcp://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 61616)));
        }
        return servers;
    }

    /**
     * Artemis resource-adapter connection parameters for the broker servers: {@code host=...;port=...}, one set per
     * server, separated by commas.
     */
    static String connectionParameters(String brokerUrl) {
        return brokerServers(brokerUrl).stream().map(uri -> "host=" + uri.getHost() + ";port=" + uri.getPort())
                .collect(Collectors.joining(","));
    }

    /** An Artemis client URL for the broker servers; a pair is used with fail-over to the backup. */
    static String clientUrl(String brokerUrl) {
        List<URI> servers = brokerServers(brokerUrl);
        return servers.size() == 1 ? servers.get(0).toString()
                : servers.stream().map(URI::toString).collect(Collectors.joining(",", "(", ")?ha=true"));
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new LaunchException(name + " must be a whole number, was '" + v + "'");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
