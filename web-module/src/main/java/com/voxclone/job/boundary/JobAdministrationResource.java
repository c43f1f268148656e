package com.voxclone.job.boundary;

import static com.voxclone.platform.boundary.JsonFields.time;

import com.voxclone.account.boundary.AdministratorsOnly;
import com.voxclone.job.entity.JobStatus;
import com.voxclone.job.entity.JobView;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.boundary.StateChange;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Every user's jobs with their history; retry and cancel. Administrators only. */
@Path("admin/jobs")
@RequestScoped
@AdministratorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class JobAdministrationResource {

    @Inject
    JobService jobs;

    @GET
    @Operation(summary = "Jobs, newest first, optionally by status and user")
    public JsonArray jobs(@QueryParam("status") String status, @QueryParam("userId") String userId,
                          @QueryParam("limit") @DefaultValue("100") int limit) {
        Optional<JobStatus> s = Optional.empty();
        if (status != null && !status.isBlank()) {
            try {
                s = Optional.of(JobStatus.of(status));
            } catch (IllegalArgumentException e) {
                throw Problem.invalidFields(List.of(new Violation("status",
                        "status must be pending, processing, completed or failed, was '" + status + "'")));
            }
        }
        Optional<UUID> user = userId == null || userId.isBlank() ? Optional.empty() : Optional.of(Problem.idOrNotFound(userId, "user"));
        var list = Json.createArrayBuilder();
        jobs.all(s, user, Math.max(1, Math.min(limit, 1000))).forEach(j -> list.add(withUser(j)));
        return list.build();
    }

    @GET
    @Path("{jobId}")
    @Operation(summary = "A job with its full history")
    public JsonObject job(@PathParam("jobId") String jobId) {
        VoiceCloneJob job = jobs.find(null, true, Problem.idOrNotFound(jobId, "job"))
                .orElseThrow(() -> Problem.notFound("There is no job '" + jobId + "'."));
        var history = Json.createArrayBuilder();
        jobs.history(job.getId()).forEach(e -> {
            JsonObjectBuilder b = Json.createObjectBuilder().add("status", e.getStatus().value()).add("at", time(e.getCreatedAt()));
            if (e.getMessage() != null) {
                b.add("message", e.getMessage());
            }
            if (e.getWorkerNode() != null) {
                b.add("workerNode", e.getWorkerNode());
            }
            history.add(b);
        });
        return Json.createObjectBuilder(withUser(job)).add("history", history).build();
    }

    @POST
    @Path("{jobId}/retry")
    @Operation(summary = "Retry a failed job")
    public JsonObject retry(@PathParam("jobId") String jobId) {
        return stateChange(() -> jobs.retry(Problem.idOrNotFound(jobId, "job")), jobId);
    }

    @POST
    @Path("{jobId}/cancel")
    @Operation(summary = "Cancel a pending job")
    public JsonObject cancel(@PathParam("jobId") String jobId) {
        return stateChange(() -> jobs.cancel(Problem.idOrNotFound(jobId, "job")), jobId);
    }

    private JsonObject stateChange(Supplier<VoiceCloneJob> change, String jobId) {
        return JobView.of(StateChange.apply(change, "job", jobId, "job-state"));
    }

    private static JsonObject withUser(VoiceCloneJob j) {
        return Json.createObjectBuilder(JobView.of(j)).add("userId", j.getUserId().toString()).build();
    }
}
