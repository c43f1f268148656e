package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OrtException;
import com.voxclone.engine.boundary.EngineException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Bounds the calls that requests on the device make on their own threads, beside the batch's steps: prefills and
 * decoder calls. Each holds its working memory while it runs, and on a CPU more of them at once than there are
 * cores only adds memory, not speed. Waiting calls get a slot in arrival order; a waiting call whose work another
 * call has taken over ({@link #runUnless}) leaves the line as soon as it is told ({@link #recheck}).
 */
public final class ComputeSlots {

    /** Work that needs a slot. */
    @FunctionalInterface
    public interface SlotWork {
        void run() throws OrtException;
    }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The waiting calls, first come first served; guarded by {@link #lock}. */
    private final Deque<Object> line = new ArrayDeque<>();
    private int busy;

    public ComputeSlots(int concurrentCalls) {
        this.capacity = concurrentCalls;
    }

    /** No bound: where the device gate already lets one request at a time through. */
    public static ComputeSlots unbounded() {
        return new ComputeSlots(Integer.MAX_VALUE);
    }

    public <T> T run(DeviceGate.DeviceWork<T> work) throws OrtException {
        acquire(() -> false);
        try {
            return work.run();
        } finally {
            release();
        }
    }

    /**
     * Runs {@code work} in a slot, unless {@code done} turns true while the call waits for one (another call has done
     * this work): then returns {@code false} at once, without running it.
     */
    public boolean runUnless(BooleanSupplier done, SlotWork work) throws OrtException {
        if (!acquire(done)) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            release();
        }
    }

    /** Wakes the waiting calls so that those whose work is done leave the line. */
    public void recheck() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Calls waiting for a slot, for tests that line calls up behind a busy slot. */
    int waiting() {
        lock.lock();
        try {
            return line.size();
        } finally {
            lock.unlock();
        }
    }

    private boolean acquire(BooleanSupplier done) {
        Object place = new Object();
        lock.lock();
        try {
            line.addLast(place);
            while (!done.getAsBoolean() && (busy >= capacity || line.peekFirst() != place)) {
                changed.await();
            }
            line.remove(place);
            if (done.getAsBoolean()) {
                changed.signalAll();
                return false;
            }
            busy++;
            changed.signalAll();
            return true;
        } catch (InterruptedException e) {
            line.remove(place);
            changed.signalAll();
            Thread.currentThread().interrupt();
            throw new EngineException("Speech generation was stopped while it waited for the device", true, e);
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        lock.lock();
        try {
            busy--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
