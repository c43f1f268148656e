package com.voxclone.launcher;

/** A start-up problem the user can fix; printed without a stack trace. */
class LaunchException extends RuntimeException {
    LaunchException(String message) {
        super(message);
    }

    LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
