package com.voxclone.account.control;

/**
 * Why a company sign-in did not open a session. The code travels to the portal in the address
 * ({@code /?sign-in-error=code}), which turns it into a message for the person signing in.
 */
public enum SignInRefusal {
    /** The person cancelled at the identity provider or was not allowed there. */
    CANCELLED("cancelled"),
    /** The sign-in was not started in this browser, was used already, or took longer than ten minutes. */
    EXPIRED("expired"),
    /** The person is in none of the groups that map to a VoxClone role. */
    NO_ROLE("no-role"),
    /** The VoxClone account has been disabled. */
    DISABLED("disabled"),
    /** The identity provider could not be reached or its answer was not accepted. */
    FAILED("failed");

    private final String code;

    SignInRefusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
