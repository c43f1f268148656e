package com.voxclone.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running start per data directory. Two starts on the same data would share its database and journal; the
 * second one would even take the first one's database for a leftover of a crash. The operating system releases
 * the lock when the process ends, however it ends.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE = "voxclone.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new LaunchException("the data directory " + dataDir + " is in use by another VoxClone that is running"
                        + (holder.isEmpty() ? "" : " (process " + holder + ")")
                        + ". Stop that one first, or give this one its own VOXCLONE_DATA_DIR.");
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode(Long.toString(ProcessHandle.current().pid())));
            channel.force(true);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new LaunchException("cannot lock the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** A lock on {@code channel}'s file, or null when another process - or this one - holds it. */
    static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing held any more
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    @Override
    public String toString() {
        return "the lock on the data directory";
    }
}
