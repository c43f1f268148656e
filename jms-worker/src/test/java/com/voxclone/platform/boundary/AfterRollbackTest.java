package com.voxclone.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AfterRollbackTest {

    private final TransactionSynchronizationRegistry registry = mock(TransactionSynchronizationRegistry.class);
    private final ManagedExecutorService executor = mock(ManagedExecutorService.class);
    private final AfterRollback afterRollback = new AfterRollback(registry, executor);
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void executorRunsAtOnce() {
        doAnswer(i -> {
            i.<Runnable>getArgument(0).run();
            return null;
        }).when(executor).execute(any());
    }

    @Test
    void withoutATransactionTheWorkRunsAtOnce() {
        afterRollback.reserve("count").run(runs::incrementAndGet);

        assertEquals(1, runs.get());
        verify(registry, never()).registerInterposedSynchronization(any());
    }

    @Test
    void theWorkWaitsForTheRollback() {
        Synchronization end = reservedInATransaction().run(runs::incrementAndGet);

        assertEquals(0, runs.get(), "not while the transaction is open");
        end.beforeCompletion();
        assertEquals(0, runs.get(), "not before it ends");
        end.afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(1, runs.get());
        // Not on the ending thread: it still belongs to the transaction that ended.
        verify(executor).execute(any());
    }

    @Test
    void theTransactionIsJoinedWhenThePlaceIsReservedNotWhenTheWorkIsKnown() {
        // By the time the work is known the transaction may be marked for rollback, and then it takes no more.
        when(registry.getTransactionKey()).thenReturn("tx-1");

        AfterRollback.OnRollback place = afterRollback.reserve("count");
        verify(registry).registerInterposedSynchronization(place);
    }

    @Test
    void aCommittedTransactionNeedsNoneOfIt() {
        reservedInATransaction().run(runs::incrementAndGet).afterCompletion(Status.STATUS_COMMITTED);

        assertEquals(0, runs.get());
    }

    @Test
    void aRollbackWithNoWorkGivenDoesNothing() {
        reservedInATransaction().end().afterCompletion(Status.STATUS_ROLLEDBACK);

        assertEquals(0, runs.get());
    }

    @Test
    void aFailureOfTheWorkIsLoggedNotThrownIntoTheEndedTransaction() {
        reservedInATransaction().run(() -> {
            throw new IllegalStateException("database away");
        }).afterCompletion(Status.STATUS_ROLLEDBACK);
    }

    /** A place reserved in a transaction, and the synchronization it registered there. */
    private Reserved reservedInATransaction() {
        when(registry.getTransactionKey()).thenReturn("tx-1");
        AfterRollback.OnRollback place = afterRollback.reserve("count");
        ArgumentCaptor<Synchronization> sync = ArgumentCaptor.forClass(Synchronization.class);
        verify(registry).registerInterposedSynchronization(sync.capture());
        return new Reserved(place, sync.getValue());
    }

    private record Reserved(AfterRollback.OnRollback place, Synchronization end) {
        Synchronization run(Runnable work) {
            place.run(work);
            return end;
        }
    }
}
