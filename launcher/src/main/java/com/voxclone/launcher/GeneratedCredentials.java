package com.voxclone.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The accounts of the embedded database and broker: generated on the first start into
 * {@code credentials.properties} in the data directory (owner-only), read again on every later start. Worker
 * nodes on other machines need them too, through VOXCLONE_DB_USER / _PASSWORD and VOXCLONE_BROKER_USER / _PASSWORD.
 */
record GeneratedCredentials(Account database, Account broker) {

    static final String FILE = "credentials.properties";
    /** The embedded database's superuser: the embedded PostgreSQL library always creates this one. */
    static final String DATABASE_USER = "postgres";
    static final String BROKER_USER = "voxclone";

    private static final Logger LOG = Logger.getLogger(GeneratedCredentials.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    static GeneratedCredentials loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                PrivateFile.restrict(file);
                return read(file);
            }
            GeneratedCredentials created = new GeneratedCredentials(
                    new Account(DATABASE_USER, newPassword()), new Account(BROKER_USER, newPassword()));
            PrivateFile.write(file, created.asText());
            LOG.info(() -> "Generated the accounts of the embedded database and broker into " + file);
            return created;
        } catch (IOException e) {
            throw new LaunchException("cannot read or write the service accounts in " + file + ": " + e.getMessage(), e);
        }
    }

    private static GeneratedCredentials read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return new GeneratedCredentials(
                new Account(required(p, "db.user", file), required(p, "db.password", file)),
                new Account(required(p, "broker.user", file), required(p, "broker.password", file)));
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key, "").trim();
        if (v.isEmpty()) {
            throw new LaunchException(file + " has no " + key + ". It holds the accounts of this installation's "
                    + "database and broker; restore it from a backup (a new one would not match the existing database).");
        }
        return v;
    }

    /** 32 random bytes, URL-safe Base64: no character that a properties file, a URL or an admin command treats specially. */
    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String asText() {
        return "# Accounts of this installation's embedded database and broker, generated on its first start.\n"
                + "# Worker nodes use them as VOXCLONE_DB_USER / _PASSWORD and VOXCLONE_BROKER_USER / _PASSWORD.\n"
                + "# Keep this file private; the existing database accepts only this password.\n"
                + "db.user=" + database.user() + "\n"
                + "db.password=" + database.password() + "\n"
                + "broker.user=" + broker.user() + "\n"
                + "broker.password=" + broker.password() + "\n";
    }

    @Override
    public String toString() {
        return "GeneratedCredentials[" + database + ", " + broker + "]";
    }
}
