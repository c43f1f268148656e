package com.voxclone.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * PostgreSQL runs in a process of its own, so when the launcher is killed (kill -9, power to the JVM cut) it keeps
 * running with this installation's data. The next start stops it first - but only when it really is the one
 * serving this data directory (the pid in {@code postmaster.pid} is alive, is a postgres process and works in this
 * data directory) and no running start still uses it. A process that merely reused the pid is left alone.
 */
final class OrphanedDatabase {

    private static final Logger LOG = Logger.getLogger(OrphanedDatabase.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private OrphanedDatabase() {
    }

    /** The postgres process serving {@code postgresDir}, if one is running. */
    static Optional<ProcessHandle> find(Path postgresDir) {
        Path pidFile = postgresDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            Path ourDir = postgresDir.toRealPath();
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> PortHolder.processName(pid).equals("postgres"))
                    .filter(p -> PortHolder.dataDirectoryOfPostgres(pid).map(ourDir::equals).orElse(false));
        } catch (IOException | RuntimeException unreadable) {
            // Being written or damaged: PostgreSQL itself decides at start whether it is stale.
            return Optional.empty();
        }
    }

    /**
     * The embedded PostgreSQL library holds a lock on {@code epg-lock} in the data directory while the process
     * that started the database lives: if the lock is taken, the database is not orphaned.
     */
    private static boolean inUseByARunningStart(Path postgresDir) {
        Path lockFile = postgresDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = DataDirectoryLock.tryLock(channel);
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Stops a PostgreSQL left running on this data directory by an earlier start (fast shutdown: SIGINT). */
    static void stopIfRunning(Path postgresDir) {
        Optional<ProcessHandle> orphan = find(postgresDir);
        if (orphan.isEmpty()) {
            return;
        }
        long pid = orphan.get().pid();
        if (inUseByARunningStart(postgresDir)) {
            throw new LaunchException("the database in " + postgresDir + " (process " + pid + ") belongs to a VoxClone"
                    + " start that is still running. Stop that one first, or give this one its own VOXCLONE_DATA_DIR.");
        }
        LOG.warning(() -> "The database of " + postgresDir + " is still running (process " + pid
                + ") from an earlier start that did not stop cleanly; stopping it before starting again.");
        try {
            // Fast shutdown: ends open sessions, writes a checkpoint and exits; a smart shutdown (SIGTERM) could
            // wait forever for sessions of a node that still uses it.
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
            kill.waitFor(10, TimeUnit.SECONDS);
            orphan.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new LaunchException("the database left running by an earlier start (process " + pid + ", data in "
                    + postgresDir + ") did not stop within " + STOP_TIMEOUT.toSeconds() + " s; stop it, then start again", e);
        } catch (IOException | ExecutionException e) {
            throw new LaunchException("could not stop the database left running by an earlier start (process " + pid
                    + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while stopping the database left running by an earlier start", e);
        }
    }
}
