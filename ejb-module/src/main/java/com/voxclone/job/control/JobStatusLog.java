package com.voxclone.job.control;

import com.voxclone.job.entity.JobStatusChanged;
import com.voxclone.platform.boundary.JobLogContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.logging.Logger;

/**
 * One log line for every status change of a job, on the node that made it and once it is committed, tagged with the
 * job and its owner: together with the lines written while the job is worked on, the job's whole story across nodes.
 * A speech job's progress is announced piece by piece; only its start is logged.
 */
@ApplicationScoped
public class JobStatusLog {

    private static final Logger LOG = Logger.getLogger(JobStatusLog.class.getName());

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobStatusChanged change) {
        JsonObject job = change.job();
        String status = job.getString("status", "unknown");
        if (status.equals("processing") && job.get("progress") instanceof JsonNumber progress && progress.intValue() > 0) {
            return;
        }
        StringBuilder line = new StringBuilder("Job ").append(status).append(" (").append(job.getString("kind", "job"));
        if (job.getInt("attempts", 0) > 0) {
            line.append(", attempt ").append(job.getInt("attempts"));
        }
        line.append(')');
        if (job.get("workerInfo") instanceof JsonObject worker && worker.get("node") instanceof JsonString node
                && !status.equals("pending")) {
            line.append(" on ").append(node.getString());
        }
        if (job.get("voiceId") instanceof JsonString voice && status.equals("completed")) {
            line.append(", voice ").append(voice.getString());
        }
        if (job.get("error") instanceof JsonString error) {
            line.append(": ").append(error.getString());
        }
        try (var log = JobLogContext.enter(change.jobId(), change.userId())) {
            LOG.info(line::toString);
        }
    }
}
