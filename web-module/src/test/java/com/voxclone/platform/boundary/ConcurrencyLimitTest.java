package com.voxclone.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Work at once is capped per user and per node; a closed slot is free again, closing twice frees it once. */
class ConcurrencyLimitTest {

    private final ConcurrencyLimit slots = new ConcurrencyLimit(3, 2);
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void aUserHasAtMostTheirOwnNumberOfSlots() {
        ConcurrencyLimit.Slot first = slots.take(ada).orElseThrow();
        slots.take(ada).orElseThrow();

        assertTrue(slots.take(ada).isEmpty(), "a third request of one user at once");
        first.close();
        assertTrue(slots.take(ada).isPresent(), "a slot is free again once closed");
    }

    @Test
    void theNodeHasAtMostItsNumberOfSlotsForAllUsers() {
        ConcurrencyLimit.Slot adas = slots.take(ada).orElseThrow();
        slots.take(ada).orElseThrow();
        slots.take(bob).orElseThrow();
        UUID carol = UUID.randomUUID();

        assertTrue(slots.take(carol).isEmpty(), "a fourth request on a node with three slots");
        assertTrue(slots.take(carol).isEmpty());
        adas.close();
        // Carol's refusals must not have used up her own slots: once the node has room, she gets one.
        assertTrue(slots.take(carol).isPresent());
    }

    @Test
    void closingASlotTwiceFreesItOnce() {
        List<ConcurrencyLimit.Slot> taken = new ArrayList<>();
        ConcurrencyLimit.Slot slot = slots.take(ada).orElseThrow();
        slot.close();
        slot.close();
        taken.add(slots.take(ada).orElseThrow());
        taken.add(slots.take(ada).orElseThrow());

        assertTrue(slots.take(ada).isEmpty(), "a double close must not make room for a third request");
    }

    @Test
    void limitsBelowOneAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(1, 0));
    }
}
