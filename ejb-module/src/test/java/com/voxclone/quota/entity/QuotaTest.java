package com.voxclone.quota.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each quota tells a client: when to try again, and in which unit its setting is. */
class QuotaTest {

    @Test
    void theDailyAllowanceIsRetriedJustAfterMidnightUtc() {
        // 23:59:30 UTC: 30 s to midnight, answered as 31 so that the retry lands on the new day.
        assertEquals(Optional.of(Duration.ofSeconds(31)),
                Quota.SYNTHESIS_SECONDS_PER_DAY.retryAfter(Instant.parse("2026-12-02T23:59:30Z")));
        // 00:00:00.5 UTC: a whole day minus half a second, rounded down, plus one.
        assertEquals(Optional.of(Duration.ofSeconds(86_400)),
                Quota.SYNTHESIS_SECONDS_PER_DAY.retryAfter(Instant.parse("2026-12-02T00:00:00.500Z")));
    }

    @Test
    void onlyQuotasThatWaitingFreesHaveARetryTime() {
        assertTrue(Quota.CONCURRENT_JOBS.retryAfter(Instant.now()).isPresent());
        assertFalse(Quota.VOICES.retryAfter(Instant.now()).isPresent());
        assertFalse(Quota.STORED_BYTES.retryAfter(Instant.now()).isPresent());
    }

    @Test
    void storedAudioIsSetInMegabytesAndCountedInBytes() {
        assertEquals(3L * 1024 * 1024, Quota.STORED_BYTES.fromSetting(3));
        assertEquals(3, Quota.VOICES.fromSetting(3));
        assertEquals("voxclone.quota.stored-megabytes", Quota.STORED_BYTES.configKey());
    }

    @Test
    void fieldsNameTheQuotas() {
        assertEquals(Optional.of(Quota.CONCURRENT_JOBS), Quota.ofField("concurrentJobs"));
        assertEquals(Optional.empty(), Quota.ofField("bandwidth"));
    }
}
