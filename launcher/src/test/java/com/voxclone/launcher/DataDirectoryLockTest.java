package com.voxclone.launcher;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    @TempDir
    Path dataDir;

    @Test
    void oneRunningStartPerDataDirectory() throws Exception {
        try (DataDirectoryLock first = DataDirectoryLock.acquire(dataDir)) {
            LaunchException second = assertThrows(LaunchException.class, () -> DataDirectoryLock.acquire(dataDir));
            assertTrue(second.getMessage().startsWith("the data directory " + dataDir + " is in use by another VoxClone that is running (process "
                    + ProcessHandle.current().pid() + ")"), second.getMessage());
            assertTrue(second.getMessage().contains("VOXCLONE_DATA_DIR"), second.getMessage());
        }
        DataDirectoryLock.acquire(dataDir).close();
    }
}
