package com.voxclone.integration.control;

/** The broker refused or did not answer an account operation; nothing was changed in the database. */
public class BrokerAdministrationException extends RuntimeException {

    public BrokerAdministrationException(String message) {
        super(message);
    }
}
