package com.voxclone.platform.boundary;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The body of a repeating timer. A failure (usually the database away) is logged, once until the work succeeds again,
 * and never thrown: the EJB container removes a timer for good once its timeout method has failed twice in a row, so a
 * timer that let a few seconds of database outage through would stop for the rest of the server's life. The timeout
 * method must not run the work in a transaction of its own that the failure would roll back (the container counts
 * that as a failure too): it runs without one, and the work commits in transactions of its own.
 */
public final class RepeatingWork {

    private final Logger log;
    private final String what;
    private volatile boolean failing;

    /** @param what what the work does, for the log ("Sending due webhook deliveries") */
    public RepeatingWork(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public void run(Runnable work) {
        try {
            work.run();
            if (failing) {
                failing = false;
                log.info(() -> what + " works again.");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.log(Level.WARNING, what + " failed (" + rootCause(e) + "); it is tried again on every turn, and this is said "
                        + "again only once it works.", e);
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
