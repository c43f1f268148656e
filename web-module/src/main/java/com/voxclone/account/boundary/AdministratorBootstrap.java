package com.voxclone.account.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On a fresh installation, creates the first administrator: with the key in {@code VOXCLONE_BOOTSTRAP_API_KEY}
 * when set, otherwise with a generated key written to {@code admin-api-key.txt} in the data directory (readable
 * by its owner only). The key is never logged.
 */
@Singleton
@Startup
@DependsOn("Platform")
public class AdministratorBootstrap {

    public static final String KEY_FILE = "admin-api-key.txt";
    private static final Logger LOG = Logger.getLogger(AdministratorBootstrap.class.getName());

    @Inject
    AccountService accounts;

    @Inject
    @ConfigProperty(name = "voxclone.bootstrap.api-key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "voxclone.data.dir", defaultValue = ".")
    String dataDir;

    @PostConstruct
    void ensureAdministrator() {
        Optional<String> generated = accounts.ensureAdministrator(configuredKey.filter(k -> !k.isBlank()));
        if (generated.isEmpty()) {
            return;
        }
        Path file = Path.of(dataDir).resolve(KEY_FILE).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, generated.get() + System.lineSeparator(), StandardOpenOption.TRUNCATE_EXISTING);
            LOG.info(() -> "Created the first administrator; its API key is in " + file);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the administrator key to " + file + ": " + e.getMessage(), e);
        }
    }
}
