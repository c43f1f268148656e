package com.voxclone.importer.boundary;

/** A media URL that cannot be imported; the message says why and what is allowed. */
public class ImportRejectedException extends RuntimeException {

    public ImportRejectedException(String message) {
        super(message);
    }

    public ImportRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
