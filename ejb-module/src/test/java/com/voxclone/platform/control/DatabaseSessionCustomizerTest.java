package com.voxclone.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.junit.jupiter.api.Test;

/** A lost connection is retried once at once, not three times five seconds apart (the provider's defaults). */
class DatabaseSessionCustomizerTest {

    @Test
    void aReadIsRetriedOnceWithoutWaiting() {
        DatabaseLogin login = new DatabaseLogin();
        assertEquals(3, login.getQueryRetryAttemptCount(), "the provider's default, which this changes");
        assertEquals(5000, login.getDelayBetweenConnectionAttempts(), "the provider's default, which this changes");
        Session session = mock(Session.class);
        when(session.getLogin()).thenReturn(login);

        new DatabaseSessionCustomizer().customize(session);

        assertEquals(1, login.getQueryRetryAttemptCount());
        assertEquals(0, login.getDelayBetweenConnectionAttempts());
    }
}
