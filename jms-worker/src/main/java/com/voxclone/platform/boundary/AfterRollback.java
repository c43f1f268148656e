package com.voxclone.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs work once the current transaction has rolled back, in a transaction of its own. Work that must outlive a
 * failing transaction cannot run earlier when it touches rows the failing one has locked: a new transaction on the
 * same thread would wait for those locks, and the failing one cannot end while its thread waits. Nor can it run on
 * the thread that ends the transaction: that thread still belongs to the ended transaction, and the server refuses
 * to go back to it after a new one. So it runs on the server's managed executor.
 */
@ApplicationScoped
public class AfterRollback {

    private static final Logger LOG = Logger.getLogger(AfterRollback.class.getName());

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Resource
    ManagedExecutorService executor;

    public AfterRollback() {
    }

    /** Outside a container: with the given registry and executor. */
    public AfterRollback(TransactionSynchronizationRegistry transaction, ManagedExecutorService executor) {
        this.transaction = transaction;
        this.executor = executor;
    }

    /**
     * Reserves a place for work in case the current transaction rolls back. Reserved early, while the transaction is
     * sound: one already marked for rollback takes no more.
     *
     * @param what what the work will do, for the log
     */
    public OnRollback reserve(String what) {
        OnRollback place = new OnRollback(what, transaction.getTransactionKey() == null ? null : executor);
        if (place.executor != null) {
            transaction.registerInterposedSynchronization(place);
        }
        return place;
    }

    /** The reserved place: holds the work until the transaction ends, and runs it only if it rolled back. */
    public static final class OnRollback implements Synchronization {

        private final String what;
        /** Null when there is no transaction to wait for. */
        private final ManagedExecutorService executor;
        private Runnable work;

        private OnRollback(String what, ManagedExecutorService executor) {
            this.what = what;
            this.executor = executor;
        }

        /** The work to run after the rollback; at once when there is no transaction. */
        public void run(Runnable work) {
            if (executor != null) {
                this.work = work;
            } else {
                work.run();
            }
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status != Status.STATUS_ROLLEDBACK || work == null) {
                return;
            }
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // The transaction is over: there is nobody to throw to.
                    LOG.log(Level.WARNING, "Could not " + what + " after its transaction rolled back", e);
                }
            });
        }
    }
}
