package com.voxclone.platform.control;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * How the persistence provider treats a lost database connection. By default it retries a read outside a transaction
 * three times, five seconds apart, so while the database was away every request waited more than ten seconds before
 * it could be answered 503 (seen in the database fail-over drill). The server's pool checks each connection before
 * handing it out, so one immediate retry covers a connection that broke since; a database that is away is reported at
 * once.
 */
public class DatabaseSessionCustomizer implements SessionCustomizer {

    static final int QUERY_RETRIES = 1;
    static final int DELAY_BETWEEN_ATTEMPTS_MS = 0;

    @Override
    public void customize(Session session) {
        DatabaseLogin login = session.getLogin();
        login.setQueryRetryAttemptCount(QUERY_RETRIES);
        login.setDelayBetweenConnectionAttempts(DELAY_BETWEEN_ATTEMPTS_MS);
    }
}
