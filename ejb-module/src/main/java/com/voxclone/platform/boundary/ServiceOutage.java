package com.voxclone.platform.boundary;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a failure caused by the database being away (unreachable, restarting) from a fault in the request or the
 * code. A request that meets the first is answered 503 with {@code Retry-After}, as it may well succeed a moment
 * later, and a job waits for the database instead of using up its attempts; the second is an internal error.
 */
public final class ServiceOutage {

    public static final int RETRY_AFTER_SECONDS = 10;

    private ServiceOutage() {
    }

    /** "database" when a cause in the chain says it is away; empty otherwise. */
    public static Optional<String> of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && databaseAway(sql.getSQLState())) {
                return Optional.of("database");
            }
        }
        return Optional.empty();
    }

    /**
     * SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server shutting down, crashed, or not accepting
     * connections yet).
     */
    static boolean databaseAway(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }
}
