package com.voxclone.engine.chatterbox.control;

import ai.onnxruntime.OrtException;
import com.voxclone.engine.boundary.EngineException;
import java.util.concurrent.Semaphore;

/**
 * Bounds the calls that requests on the device make on their own threads, beside the batch's steps: prefills and
 * decoder calls. Each holds its working memory while it runs, and on a CPU more of them at once than there are
 * cores only adds memory, not speed.
 */
public final class ComputeSlots {

    private final Semaphore slots;

    public ComputeSlots(int concurrentCalls) {
        this.slots = new Semaphore(concurrentCalls, true);
    }

    /** No bound: where the device gate already lets one request at a time through. */
    public static ComputeSlots unbounded() {
        return new ComputeSlots(Integer.MAX_VALUE);
    }

    public <T> T run(DeviceGate.DeviceWork<T> work) throws OrtException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Speech generation was stopped while it waited for the device", true, e);
        }
        try {
            return work.run();
        } finally {
            slots.release();
        }
    }
}
