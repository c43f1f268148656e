package com.voxclone.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request allowance: a minute's worth in a burst, then the average rate; each credential on its own. */
class RequestRateTest {

    private long now;

    private RequestRate rate(int perMinute) {
        RequestRate rate = new RequestRate();
        rate.requestsPerMinute = perMinute;
        rate.clock = () -> now;
        return rate;
    }

    @Test
    void aBurstOfAMinutesAllowanceThenOneRequestPerInterval() {
        RequestRate rate = rate(60);
        for (int i = 0; i < 60; i++) {
            assertEquals(Optional.empty(), rate.take("key:a"), "request " + i);
        }
        Duration wait = rate.take("key:a").orElseThrow();
        // 60 a minute: one more every second (a hand calculation, not the code's formula).
        assertTrue(wait.compareTo(Duration.ofMillis(990)) > 0 && wait.compareTo(Duration.ofMillis(1010)) < 0, "wait " + wait);

        now += Duration.ofSeconds(1).toNanos();
        assertEquals(Optional.empty(), rate.take("key:a"));
        assertTrue(rate.take("key:a").isPresent());
    }

    @Test
    void eachCredentialHasItsOwnAllowance() {
        RequestRate rate = rate(1);
        assertEquals(Optional.empty(), rate.take("key:a"));
        assertTrue(rate.take("key:a").isPresent());
        assertEquals(Optional.empty(), rate.take("session:b"));
    }

    @Test
    void anIdleCredentialGetsItsWholeBurstBack() {
        RequestRate rate = rate(10);
        for (int i = 0; i < 10; i++) {
            rate.take("key:a");
        }
        now += Duration.ofMinutes(5).toNanos();
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), rate.take("key:a"), "request " + i + " after the pause");
        }
        assertTrue(rate.take("key:a").isPresent(), "never more than a minute's worth");
    }
}
