package com.voxclone.platform.boundary;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a failure caused by the database or the message broker being away (unreachable, restarting) from a fault in
 * the request or the code. A request that meets the first is answered 503 with {@code Retry-After}, as it may well
 * succeed a moment later, and a job waits for the database instead of using up its attempts; the second is an
 * internal error.
 */
public final class ServiceOutage {

    public static final int RETRY_AFTER_SECONDS = 10;

    private ServiceOutage() {
    }

    /** "database" or "message broker" when a cause in the chain says it is away; empty otherwise. */
    public static Optional<String> of(Throwable error) {
        if (databaseAway(error)) {
            return Optional.of("database");
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            // The messaging API reports a broker it cannot reach, or a connection it cannot get, this way; mistakes in
            // the code's own use of it (a wrong destination) do not reach production past the tests.
            if (t instanceof JMSException || t instanceof JMSRuntimeException) {
                return Optional.of("message broker");
            }
        }
        return Optional.empty();
    }

    /** Whether a cause in the chain says the database is away. */
    public static boolean databaseAway(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && awayState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server shutting down, crashed, or not accepting
     * connections yet).
     */
    static boolean awayState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
