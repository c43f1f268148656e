package com.voxclone.messaging.entity;

/**
 * Names of the JMS destinations, shared by the applications, external systems and the broker configuration.
 * Queues are anycast addresses of the same name in Artemis; the status topic is a multicast address.
 */
public final class Destinations {

    /** Clone jobs to process; one message per job, {@code jobId} property. Redelivered with backoff. */
    public static final String JOBS = "voxclone.jobs";
    /** Where job messages end after their last attempt. */
    public static final String JOBS_DEAD_LETTERS = "voxclone.jobs.dlq";
    /** Synthesis requests, answered on the request's JMSReplyTo. */
    public static final String SYNTHESIS = "voxclone.synthesis";
    /** Long speech as jobs, taken by the web nodes (they split the text and send its pieces to {@link #SYNTHESIS}). */
    public static final String SPEECH_JOBS = "voxclone.speech-jobs";
    /** Every job status change, as the JSON of the status endpoint. */
    public static final String JOB_STATUS = "voxclone.job-status";

    private Destinations() {
    }
}
