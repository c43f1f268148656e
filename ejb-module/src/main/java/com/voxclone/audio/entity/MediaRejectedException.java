package com.voxclone.audio.entity;

public class MediaRejectedException extends RuntimeException {
    public enum Reason { EMPTY, TOO_LARGE, UNSUPPORTED_TYPE, UNDECODABLE, NO_AUDIO, TOO_SHORT, TOO_LONG }

    private final Reason reason;
    private final Double measuredSeconds;
    private final Long measuredBytes;

    public MediaRejectedException(Reason reason, String message, Double measuredSeconds, Long measuredBytes) {
        super(message);
        this.reason = reason;
        this.measuredSeconds = measuredSeconds;
        this.measuredBytes = measuredBytes;
    }

    public Reason reason() {
        return reason;
    }

    public Double measuredSeconds() {
        return measuredSeconds;
    }

    public Long measuredBytes() {
        return measuredBytes;
    }
}
