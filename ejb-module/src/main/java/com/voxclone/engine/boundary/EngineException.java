package com.voxclone.engine.boundary;

/**
 * An engine could not do what was asked. {@code retryable} separates a passing problem (device out of memory,
 * model still loading) that is worth another attempt from one that will fail again the same way; a
 * {@linkplain #refusedInput refused input} is one the caller must change (a text the model cannot take as written).
 */
public class EngineException extends RuntimeException {

    private final boolean retryable;
    private final boolean refusedInput;

    public EngineException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public EngineException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, false, cause);
    }

    private EngineException(String message, boolean retryable, boolean refusedInput, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.refusedInput = refusedInput;
    }

    /** The request cannot be done as written (no text, a text too long for the model, a tag it does not know). */
    public static EngineException refusedInput(String message, Throwable cause) {
        return new EngineException(message, false, true, cause);
    }

    /** Whether the caller's input was refused: answered as a bad request, not as a failure of the engine. */
    public boolean refusedInput() {
        return refusedInput;
    }

    public boolean retryable() {
        return retryable;
    }
}
