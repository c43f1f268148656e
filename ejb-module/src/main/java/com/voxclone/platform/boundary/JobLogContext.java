package com.voxclone.platform.boundary;

import java.util.MissingResourceException;
import java.util.UUID;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Which job, and whose, the current thread is working on, for the log. While it is set, every line the thread logs
 * (the server's own lines included, such as an exception it reports) begins with {@code [jobId=… userId=…]}, so that
 * one job's story can be followed across web and worker nodes with one search for its id.
 */
public final class JobLogContext {

    private static final ThreadLocal<String> TAGS = new ThreadLocal<>();

    private JobLogContext() {
    }

    /**
     * Until the scope is closed, this thread's lines are about the job ({@code userId} may be null while unknown; with
     * no {@code jobId}, nothing changes).
     */
    public static Scope enter(UUID jobId, UUID userId) {
        if (jobId == null) {
            return () -> { };
        }
        String previous = TAGS.get();
        TAGS.set(tags(jobId, userId));
        return () -> {
            if (previous == null) {
                TAGS.remove();
            } else {
                TAGS.set(previous);
            }
        };
    }

    /** Names the job's owner once it is known, for the rest of the current scope. */
    public static void owner(UUID jobId, UUID userId) {
        if (TAGS.get() != null) {
            TAGS.set(tags(jobId, userId));
        }
    }

    static String tags(UUID jobId, UUID userId) {
        return "[jobId=" + jobId + (userId == null ? "" : " userId=" + userId) + "] ";
    }

    /** A scope of {@link #enter}; closing it restores what was there before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Puts the job's tags in front of the lines of this JVM's log handlers. Each application installs its own (it
     * sees only its own threads' jobs), in front of what the handler filtered before.
     */
    public static void install() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFilter(new Tagging(handler.getFilter()));
        }
    }

    /** Prefixes the record's message while the thread has a job; then asks the filter it replaced, if any. */
    static final class Tagging implements Filter {

        private final Filter next;

        Tagging(Filter next) {
            this.next = next;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            String tags = TAGS.get();
            if (tags != null && record.getMessage() != null && !record.getMessage().startsWith("[jobId=")) {
                record.setMessage(tags + localized(record));
                record.setResourceBundle(null);
                record.setResourceBundleName(null);
            }
            return next == null || next.isLoggable(record);
        }

        /** The server's own messages are keys into its message bundles: tag the text, not the key. */
        private static String localized(LogRecord record) {
            if (record.getResourceBundle() != null) {
                try {
                    return record.getResourceBundle().getString(record.getMessage());
                } catch (MissingResourceException e) {
                    return record.getMessage();
                }
            }
            return record.getMessage();
        }
    }
}
