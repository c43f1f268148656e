package com.voxclone.job.boundary;

import com.voxclone.account.entity.Caller;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.Problem;

/** A job as seen by the caller of a request: their own (any, for administrators), or 404 for everything else. */
public final class CallerJobs {

    private CallerJobs() {
    }

    public static VoiceCloneJob find(JobService jobs, Caller caller, String jobId) {
        return jobs.find(caller.userId(), caller.admin(), Problem.idOrNotFound(jobId, "job")).orElseThrow(() -> Problem.notFound("There is no job '" + jobId + "'."));
    }
}
