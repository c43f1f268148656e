package com.voxclone.webhook.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failed deliveries wait twice as long each time, at most an hour, and are given up after the last attempt. */
class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), 12);

    @Test
    void eachWaitDoublesTheOneBefore() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), schedule.after(1));
        assertEquals(Optional.of(Duration.ofSeconds(20)), schedule.after(2));
        assertEquals(Optional.of(Duration.ofSeconds(80)), schedule.after(4));
    }

    @Test
    void noWaitIsLongerThanAnHour() {
        // 10 s x 2^9 = 5120 s, over the hour.
        assertEquals(Optional.of(Duration.ofHours(1)), schedule.after(10));
    }

    @Test
    void afterTheLastAttemptTheDeliveryIsGivenUp() {
        assertEquals(Optional.empty(), schedule.after(12));
    }
}
