package com.voxclone.launcher;

/** A user name and password for the database or the broker. */
record Account(String user, String password) {

    @Override
    public String toString() {
        // Never print the password, also not by accident in a log line.
        return "Account[" + user + "]";
    }
}
