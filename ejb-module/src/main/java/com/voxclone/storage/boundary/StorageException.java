package com.voxclone.storage.boundary;

/** The storage could not be reached or refused an operation: a passing failure, worth retrying. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
