package com.voxclone.web.onboarding;

import com.voxclone.account.entity.Caller;
import com.voxclone.job.boundary.JobService;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.web.problem.Problem;
import java.util.UUID;

/** A job as seen by the caller of a request: their own (any, for administrators), or 404 for everything else. */
public final class CallerJobs {

    private CallerJobs() {
    }

    public static VoiceCloneJob find(JobService jobs, Caller caller, String jobId) {
        UUID id;
        try {
            id = UUID.fromString(jobId);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("There is no job '" + jobId + "'.");
        }
        return jobs.find(caller.userId(), caller.admin(), id).orElseThrow(() -> Problem.notFound("There is no job '" + jobId + "'."));
    }
}
