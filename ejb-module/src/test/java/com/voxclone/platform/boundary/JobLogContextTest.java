package com.voxclone.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ListResourceBundle;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JobLogContextTest {

    private static final UUID JOB = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID USER = UUID.fromString("66666666-7777-8888-9999-000000000000");

    private final JobLogContext.Tagging filter = new JobLogContext.Tagging(null);

    @Test
    void linesWrittenWhileAJobIsWorkedOnNameTheJobAndItsOwner() {
        LogRecord inside;
        try (var scope = JobLogContext.enter(JOB, USER)) {
            inside = logged("Enrolled {0} samples");
        }
        assertEquals("[jobId=11111111-2222-3333-4444-555555555555 userId=66666666-7777-8888-9999-000000000000] Enrolled {0} samples",
                inside.getMessage());
        assertEquals("Nothing to do with a job", logged("Nothing to do with a job").getMessage());
    }

    @Test
    void theOwnerIsAddedOnceKnownAndAnInnerScopeGivesBackTheOuter() {
        UUID other = UUID.randomUUID();
        try (var outer = JobLogContext.enter(JOB, null)) {
            assertEquals("[jobId=" + JOB + "] a", logged("a").getMessage());
            JobLogContext.owner(JOB, USER);
            try (var inner = JobLogContext.enter(other, USER)) {
                assertEquals("[jobId=" + other + " userId=" + USER + "] b", logged("b").getMessage());
            }
            assertEquals("[jobId=" + JOB + " userId=" + USER + "] c", logged("c").getMessage());
        }
        assertEquals("d", logged("d").getMessage());
    }

    @Test
    void aServerMessageKeyIsTaggedAsItsText() {
        LogRecord record = new LogRecord(Level.WARNING, "AS-EJB-00056");
        record.setResourceBundle(new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"AS-EJB-00056", "A system exception occurred during an invocation on EJB {0}"}};
            }
        });
        try (var scope = JobLogContext.enter(JOB, USER)) {
            filter.isLoggable(record);
        }
        assertEquals(JobLogContext.tags(JOB, USER) + "A system exception occurred during an invocation on EJB {0}", record.getMessage());
        assertNull(record.getResourceBundle());
    }

    @Test
    void aJoblessScopeChangesNothingAndTheReplacedFilterStillDecides() {
        try (var scope = JobLogContext.enter(null, USER)) {
            assertEquals("e", logged("e").getMessage());
        }
        JobLogContext.Tagging chained = new JobLogContext.Tagging(record -> record.getLevel().intValue() >= Level.WARNING.intValue());
        assertFalse(chained.isLoggable(new LogRecord(Level.INFO, "quiet")));
    }

    private LogRecord logged(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        filter.isLoggable(record);
        return record;
    }
}
