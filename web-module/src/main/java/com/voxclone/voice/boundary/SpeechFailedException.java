package com.voxclone.voice.boundary;

/** Synthesis through a worker did not produce audio. */
public class SpeechFailedException extends RuntimeException {

    public enum Kind { NOT_FOUND, TIMEOUT, UNAVAILABLE, ENGINE }

    private final Kind kind;

    public SpeechFailedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
