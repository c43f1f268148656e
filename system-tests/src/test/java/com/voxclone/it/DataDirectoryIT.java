package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The running product's data directory (database files, broker journal, generated accounts) is closed to every other
 * user of the machine.
 */
@ExtendWith(SharedStack.class)
@Order(9)
class DataDirectoryIT {

    @Test
    void onlyItsOwnerCanEnterTheDataDirectory() throws Exception {
        var data = SharedStack.stack().dataDir();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("credentials.properties"))));
    }
}
