package com.voxclone.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory is its owner's alone, whatever it was created with. */
class PrivateFileTest {

    @TempDir
    Path parent;

    @Test
    void aDirectoryOthersCouldEnterIsClosedToThem() throws Exception {
        Path data = Files.createDirectory(parent.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        PrivateFile.restrictDirectory(data);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    }
}
