package com.voxclone.integration.boundary;

/** Refuses a message no request can be read from (after its error reply), so that the broker dead-letters it. */
public class UnreadableRequestException extends RuntimeException {

    public UnreadableRequestException() {
        super("The message on the request queue could not be read as a request; it was answered with an error and goes "
                + "to the dead-letter queue.", null, false, false);
    }
}
