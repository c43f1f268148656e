package com.voxclone.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders of the system tests ({@code voxclone-it-*} in the system's temporary folder). Each is removed
 * when the test that made it is done; what a failure needs to be understood, the stack's log, is kept in
 * {@code target/stack-logs} and named in the failure message.
 */
final class TempDirs {

    private TempDirs() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory("voxclone-it-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    /** Like {@link #create}, removed when the test JVM ends (for folders shared by all test classes). */
    static Path createForRun(String prefix) {
        Path dir = create(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "voxclone-it-remove-" + prefix));
        return dir;
    }

    /** Removes the folder with everything in it; what cannot be removed is left, the test's result is not changed. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file still held open; the rest goes
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // the folder vanished meanwhile
        }
    }
}
