package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OrtException;
import com.voxclone.engine.boundary.EngineException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Limits how many jobs use the device at once (a GPU runs out of memory long before it runs out of compute) and
 * turns ONNX Runtime failures into {@link EngineException}s that say whether another attempt makes sense. The
 * permit is released whatever happens.
 */
public final class DeviceGate {

    /** Work done while holding the device. */
    @FunctionalInterface
    public interface DeviceWork<T> {
        T run() throws OrtException;
    }

    private final Semaphore permits;
    private final Duration wait;
    private final String device;

    public DeviceGate(int concurrentJobs, Duration wait, String device) {
        this.permits = new Semaphore(concurrentJobs, true);
        this.wait = wait;
        this.device = device;
    }

    public <T> T run(String what, DeviceWork<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(what + " was interrupted while waiting for the " + device, true, e);
        }
        if (!acquired) {
            throw new EngineException("The " + device + " stayed busy for " + wait.toSeconds() + " s; " + what
                    + " was not started. Try again later.", true);
        }
        try {
            return work.run();
        } catch (OrtException e) {
            boolean memory = isOutOfMemory(e.getMessage());
            throw new EngineException(memory
                    ? "The " + device + " ran out of memory during " + what + "; try again when fewer jobs are running, or with shorter text"
                    : what + " failed in ONNX Runtime: " + e.getMessage(), memory, e);
        } catch (OutOfMemoryError e) {
            throw new EngineException("The server ran out of memory during " + what + "; try again later", true, e);
        } finally {
            permits.release();
        }
    }

    public int availablePermits() {
        return permits.availablePermits();
    }

    static boolean isOutOfMemory(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("out of memory") || m.contains("failed to allocate") || m.contains("alloc_failed")
                || m.contains("bad_alloc") || m.contains("cudaerrormemoryallocation");
    }
}
