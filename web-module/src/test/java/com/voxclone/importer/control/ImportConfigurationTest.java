package com.voxclone.importer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ImportConfigurationTest {

    @Test
    void allowingPrivateAddressesIsAWarningAtStartUp() {
        List<LogRecord> records = startWith(true);
        assertEquals(1, records.size());
        LogRecord warning = records.get(0);
        assertEquals(Level.WARNING, warning.getLevel());
        for (String words : List.of("VOXCLONE_IMPORT_ALLOW_PRIVATE_ADDRESSES", "SSRF", "never be on in production")) {
            assertTrue(warning.getMessage().contains(words), warning.getMessage());
        }
    }

    @Test
    void theDefaultSaysNothing() {
        assertEquals(List.of(), startWith(false));
    }

    private static List<LogRecord> startWith(boolean allowPrivateAddresses) {
        ImportConfiguration configuration = new ImportConfiguration();
        configuration.allowPrivateAddresses = allowPrivateAddresses;
        try (CapturedLog log = CapturedLog.of(ImportConfiguration.class)) {
            configuration.warnAtStart(new Object());
            return log.records();
        }
    }
}
