package com.voxclone.engine.chatterbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import com.voxclone.engine.boundary.EngineException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DeviceGateTest {

    @Test
    void outOfMemoryIsRetryableOtherFailuresAreNotAndThePermitComesBack() {
        DeviceGate gate = new DeviceGate(2, Duration.ofSeconds(1), "test device");
        EngineException memory = assertThrows(EngineException.class, () -> gate.run("synthesis", () -> {
            throw new OrtException("CUDA failure 2: Failed to allocate memory for requested buffer");
        }));
        assertTrue(memory.retryable());
        assertTrue(memory.getMessage().contains("ran out of memory"), memory.getMessage());
        EngineException broken = assertThrows(EngineException.class, () -> gate.run("synthesis", () -> {
            throw new OrtException("Invalid rank for input: inputs_embeds");
        }));
        assertFalse(broken.retryable());
        assertThrows(IllegalStateException.class, () -> gate.run("synthesis", () -> {
            throw new IllegalStateException("sink failed");
        }));
        assertEquals(2, gate.availablePermits());
    }

    @Test
    void aBusyDeviceTurnsAwayFurtherJobsAsRetryable() throws Exception {
        DeviceGate gate = new DeviceGate(1, Duration.ofMillis(50), "test device");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> gate.run("first job", () -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        holding.await();
        EngineException busy = assertThrows(EngineException.class, () -> gate.run("second job", () -> "ran"));
        assertTrue(busy.retryable());
        release.countDown();
        holder.join();
        assertEquals("ran", gate.run("third job", () -> "ran"));
    }
}
