package com.voxclone.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A repeating timer's work never throws (the container would remove the timer), and an outage is logged once. */
class RepeatingWorkTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final Logger log = Logger.getAnonymousLogger();

    RepeatingWorkTest() {
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void failuresAreNotThrownAndSaidOnceUntilTheWorkWorksAgain() {
        RepeatingWork work = new RepeatingWork(log, "Sending due webhook deliveries");
        Runnable databaseAway = () -> {
            throw new EJBException(new IllegalStateException(new SQLException("Connection refused")));
        };
        int[] done = {0};

        for (int i = 0; i < 3; i++) {
            assertDoesNotThrow(() -> work.run(databaseAway));
        }
        work.run(() -> done[0]++);
        work.run(() -> done[0]++);

        assertEquals(2, done[0]);
        assertEquals(2, records.size(), "one warning for the outage, one note when it is over: " + records);
        assertTrue(records.get(0).getMessage().startsWith("Sending due webhook deliveries failed (Connection refused)"),
                records.get(0).getMessage());
        assertEquals("Sending due webhook deliveries works again.", records.get(1).getMessage());
    }
}
