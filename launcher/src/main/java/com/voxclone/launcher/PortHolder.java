package com.voxclone.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who listens on a TCP port, as far as Linux lets this user see ({@code /proc}): a PostgreSQL is named with its
 * data directory (its working directory), so that a second installation's owner knows which one is in the way.
 */
final class PortHolder {

    private static final String LISTEN = "0A";

    private PortHolder() {
    }

    /** E.g. "a PostgreSQL (process 4711) whose data directory is /srv/voxclone/data/postgres", or "another process". */
    static String describe(int port) {
        try {
            return holder(port).map(PortHolder::describeProcess).orElse("another process");
        } catch (IOException | RuntimeException e) {
            return "another process";
        }
    }

    static Optional<Long> holder(int port) throws IOException {
        Set<String> sockets = listeningSocketInodes(port);
        if (sockets.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                if (holdsAny(process, sockets)) {
                    return Optional.of(Long.parseLong(process.getFileName().toString()));
                }
            }
        }
        return Optional.empty();
    }

    private static String describeProcess(long pid) {
        String name = processName(pid);
        if (name.equals("postgres")) {
            return dataDirectoryOfPostgres(pid)
                    .map(dir -> "a PostgreSQL (process " + pid + ") whose data directory is " + dir)
                    .orElse("a PostgreSQL (process " + pid + ")");
        }
        return "another process (process " + pid + (name.isEmpty() ? "" : ", " + name) + ")";
    }

    /** The program name of a process, or "" when it cannot be read. */
    static String processName(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** PostgreSQL changes into its data directory at start, so its working directory is that directory. */
    static Optional<Path> dataDirectoryOfPostgres(long pid) {
        try {
            return Optional.of(Path.of("/proc", Long.toString(pid), "cwd").toRealPath());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Set<String> listeningSocketInodes(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
        }
        return inodes;
    }

    private static boolean holdsAny(Path process, Set<String> sockets) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException | RuntimeException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            }
        } catch (IOException | RuntimeException notOurs) {
            // another user's process, or it ended: nothing to learn there
        }
        return false;
    }
}
