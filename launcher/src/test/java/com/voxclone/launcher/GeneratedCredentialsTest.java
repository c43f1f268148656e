package com.voxclone.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedCredentialsTest {

    @TempDir
    Path dataDir;

    @Test
    void generatedOnceOwnerOnlyAndReused(@TempDir Path otherInstallation) throws Exception {
        GeneratedCredentials first = GeneratedCredentials.loadOrCreate(dataDir);
        Path file = dataDir.resolve(GeneratedCredentials.FILE);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals("postgres", first.database().user());
        assertTrue(first.database().password().length() >= 40, "a long random password");
        assertNotEquals(first.database().password(), first.broker().password());

        assertEquals(first, GeneratedCredentials.loadOrCreate(dataDir), "a later start uses the same accounts");
        assertNotEquals(first, GeneratedCredentials.loadOrCreate(otherInstallation), "every installation has its own");
        assertFalse(first.toString().contains(first.database().password()), "never printed");
    }

    @Test
    void aFileOthersCanReadIsMadePrivateAgain() throws Exception {
        GeneratedCredentials.loadOrCreate(dataDir);
        Path file = dataDir.resolve(GeneratedCredentials.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        GeneratedCredentials.loadOrCreate(dataDir);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void anIncompleteFileIsExplainedNotReplaced() throws Exception {
        Path file = dataDir.resolve(GeneratedCredentials.FILE);
        Files.writeString(file, "db.user=postgres\n");
        LaunchException e = assertThrows(LaunchException.class, () -> GeneratedCredentials.loadOrCreate(dataDir));
        assertTrue(e.getMessage().contains("has no db.password"), e.getMessage());
        assertEquals("db.user=postgres\n", Files.readString(file));
    }
}
