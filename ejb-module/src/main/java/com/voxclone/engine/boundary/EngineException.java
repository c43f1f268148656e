package com.voxclone.engine.boundary;

/**
 * An engine could not do what was asked. {@code retryable} separates a passing problem (device out of memory,
 * model still loading) that is worth another attempt from one that will fail again the same way.
 */
public class EngineException extends RuntimeException {

    private final boolean retryable;

    public EngineException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public EngineException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
