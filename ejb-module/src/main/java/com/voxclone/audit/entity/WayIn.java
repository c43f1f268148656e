package com.voxclone.audit.entity;

import java.util.Locale;

/** How a request reached VoxClone. */
public enum WayIn {
    /** The HTTP API, called by a program with an API key. */
    HTTP,
    /** The portal (HTTP calls marked by the portal). */
    PORTAL,
    /** The OpenAI-compatible HTTP API. */
    OPENAI,
    /** An enterprise system on the message bus. */
    JMS,
    /** A job, worked on by a worker or a web node. */
    JOB;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
