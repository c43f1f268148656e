package com.voxclone.consent.boundary;

import jakarta.ejb.ApplicationException;

/** A clone request gives no consent, or names one that cannot be used for it; nothing of the request was kept. */
@ApplicationException(rollback = true)
public class ConsentUnusableException extends RuntimeException {

    /** Why the consent cannot be used. */
    public enum Reason {
        /** None was given, and the policy requires one. */
        MISSING,
        /** The id names no challenge of the caller's. */
        UNKNOWN,
        /** Expired, not recorded or already used. */
        UNUSABLE
    }

    private final Reason reason;

    public ConsentUnusableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
