package com.voxclone.messaging.entity;

import java.util.UUID;

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

    /**
     * Requests of enterprise systems, each sent with the system's own broker account (clone and speech, see
     * {@link EnterpriseRequest}); answered on the system's reply queue.
     */
    public static final String REQUESTS = "voxclone.requests";
    /** Requests that could not be read (malformed, too large, of an unknown contract) end here after their error reply. */
    public static final String REQUESTS_DEAD_LETTERS = "voxclone.requests.dlq";
    /** Where the broker's management operations are sent (Artemis's default management address). */
    public static final String MANAGEMENT = "activemq.management";

    /** The reply queue of one integration account: only that account may read it. */
    public static String repliesOf(String brokerUser) {
        return "voxclone.replies." + brokerUser;
    }

    /** The status changes of one user's jobs, for that user's integration accounts ({@link JobStatusMessage}s). */
    public static String jobStatusOf(UUID userId) {
        return JOB_STATUS + "." + userId;
    }

    private Destinations() {
    }
}
