package com.voxclone.voice.boundary;

import com.voxclone.messaging.entity.SpeechReply;

/** Synthesis through a worker did not produce audio. */
public class SpeechFailedException extends RuntimeException {

    public enum Kind {
        NOT_FOUND, INACTIVE, INVALID, QUOTA, TIMEOUT, UNAVAILABLE, ENGINE;

        /** The kind a worker's error code stands for. */
        static Kind of(String replyCode) {
            return switch (replyCode == null ? "" : replyCode) {
                case SpeechReply.VOICE_NOT_FOUND -> NOT_FOUND;
                case SpeechReply.VOICE_INACTIVE -> INACTIVE;
                case SpeechReply.INVALID_REQUEST -> INVALID;
                case SpeechReply.QUOTA_EXCEEDED -> QUOTA;
                default -> ENGINE;
            };
        }
    }

    private final Kind kind;

    public SpeechFailedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
