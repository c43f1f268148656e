package com.voxclone.web.admin;

import com.voxclone.account.boundary.AccountService;
import com.voxclone.account.entity.Role;
import com.voxclone.engine.entity.VoiceSettings;
import com.voxclone.job.boundary.JobService;
import com.voxclone.job.boundary.QueueAdministration;
import com.voxclone.job.entity.JobStatus;
import com.voxclone.job.entity.JobView;
import com.voxclone.job.entity.VoiceCloneJob;
import com.voxclone.platform.boundary.Destinations;
import com.voxclone.web.problem.Problem;
import com.voxclone.worker.boundary.WorkerRegistry;
import com.voxclone.worker.entity.WorkerNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Running the service: users and keys, jobs, workers, queues. Administrators only (see the authentication filter). */
@Path("admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    AccountService accounts;

    @Inject
    JobService jobs;

    @Inject
    WorkerRegistry workers;

    @Inject
    QueueAdministration queues;

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user", description = "Body: {\"name\": \"...\", \"role\": \"user\"|\"admin\"}. The API key is shown only in this answer.")
    public Response createUser(JsonObject body) {
        String name = body != null && body.get("name") instanceof JsonString s ? s.getString().strip() : "";
        String roleText = body != null && body.get("role") instanceof JsonString r ? r.getString() : "user";
        if (name.isEmpty() || name.length() > 200) {
            throw Problem.invalidFields(List.of(new VoiceSettings.Violation("name", "name is required (1 to 200 characters)")));
        }
        Role role;
        try {
            role = Role.of(roleText);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidFields(List.of(new VoiceSettings.Violation("role", "role must be 'user' or 'admin', was '" + roleText + "'")));
        }
        AccountService.NewAccount created = accounts.createUser(name, role);
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder()
                .add("userId", created.user().getId().toString())
                .add("name", created.user().getName())
                .add("role", role.value())
                .add("keyId", created.key().keyId().toString())
                .add("apiKey", created.key().apiKey())
                .build()).build();
    }

    @GET
    @Path("users")
    @Operation(summary = "Users with their keys (never the keys themselves)")
    public JsonArray users() {
        var list = Json.createArrayBuilder();
        accounts.users().forEach(u -> {
            var keys = Json.createArrayBuilder();
            accounts.keysOf(u.getId()).forEach(k -> keys.add(Json.createObjectBuilder()
                    .add("keyId", k.getId().toString())
                    .add("prefix", k.getKeyPrefix())
                    .add("createdAt", time(k.getCreatedAt()))
                    .add("lastUsedAt", k.getLastUsedAt() == null ? "" : time(k.getLastUsedAt()))
                    .add("revoked", k.isRevoked())));
            list.add(Json.createObjectBuilder()
                    .add("userId", u.getId().toString())
                    .add("name", u.getName())
                    .add("role", u.getRole().value())
                    .add("createdAt", time(u.getCreatedAt()))
                    .add("keys", keys));
        });
        return list.build();
    }

    @POST
    @Path("users/{userId}/keys")
    @Operation(summary = "Issue another API key for a user (shown once)")
    public Response issueKey(@PathParam("userId") String userId) {
        try {
            AccountService.IssuedKey key = accounts.issueKey(uuid(userId, "user"));
            return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder()
                    .add("keyId", key.keyId().toString()).add("apiKey", key.apiKey()).build()).build();
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("There is no user '" + userId + "'.");
        }
    }

    @DELETE
    @Path("keys/{keyId}")
    @Operation(summary = "Revoke an API key")
    public Response revokeKey(@PathParam("keyId") String keyId) {
        if (!accounts.revokeKey(uuid(keyId, "key"))) {
            throw Problem.notFound("There is no key '" + keyId + "'.");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("jobs")
    @Operation(summary = "Jobs, newest first, optionally by status and user")
    public JsonArray jobs(@QueryParam("status") String status, @QueryParam("userId") String userId,
                          @QueryParam("limit") @DefaultValue("100") int limit) {
        Optional<JobStatus> s = Optional.empty();
        if (status != null && !status.isBlank()) {
            try {
                s = Optional.of(JobStatus.of(status));
            } catch (IllegalArgumentException e) {
                throw Problem.invalidFields(List.of(new VoiceSettings.Violation("status",
                        "status must be pending, processing, completed or failed, was '" + status + "'")));
            }
        }
        Optional<UUID> user = userId == null || userId.isBlank() ? Optional.empty() : Optional.of(uuid(userId, "user"));
        var list = Json.createArrayBuilder();
        jobs.all(s, user, Math.max(1, Math.min(limit, 1000))).forEach(j -> list.add(withUser(j)));
        return list.build();
    }

    @GET
    @Path("jobs/{jobId}")
    @Operation(summary = "A job with its full history")
    public JsonObject job(@PathParam("jobId") String jobId) {
        VoiceCloneJob job = jobs.find(null, true, uuid(jobId, "job")).orElseThrow(() -> Problem.notFound("There is no job '" + jobId + "'."));
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
    @Path("jobs/{jobId}/retry")
    @Operation(summary = "Retry a failed job")
    public JsonObject retry(@PathParam("jobId") String jobId) {
        return stateChange(() -> jobs.retry(uuid(jobId, "job")), jobId);
    }

    @POST
    @Path("jobs/{jobId}/cancel")
    @Operation(summary = "Cancel a pending job")
    public JsonObject cancel(@PathParam("jobId") String jobId) {
        return stateChange(() -> jobs.cancel(uuid(jobId, "job")), jobId);
    }

    @GET
    @Path("workers")
    @Operation(summary = "Worker nodes: engine, execution provider, device, current job, last heartbeat")
    public JsonArray workers() {
        var list = Json.createArrayBuilder();
        OffsetDateTime freshSince = OffsetDateTime.now().minus(WorkerRegistry.FRESHNESS);
        for (WorkerNode w : workers.all()) {
            list.add(Json.createObjectBuilder()
                    .add("node", w.getNodeName())
                    .add("host", w.getHost())
                    .add("engine", w.getEngine())
                    .add("qualityTier", w.getQualityTier())
                    .add("model", textOrNull(w.getModel()))
                    .add("executionProvider", textOrNull(w.getExecutionProvider()))
                    .add("device", textOrNull(w.getDevice()))
                    .add("currentJobId", textOrNull(w.getCurrentJobId() == null ? null : w.getCurrentJobId().toString()))
                    .add("startedAt", time(w.getStartedAt()))
                    .add("lastHeartbeatAt", time(w.getLastHeartbeatAt()))
                    .add("alive", !w.getLastHeartbeatAt().isBefore(freshSince)));
        }
        return list.build();
    }

    @GET
    @Path("queues")
    @Operation(summary = "Queue depths and the dead-letter queue's messages")
    public JsonObject queues() {
        var letters = Json.createArrayBuilder();
        queues.deadLetters(200).forEach(d -> letters.add(Json.createObjectBuilder()
                .add("messageId", d.messageId())
                .add("jobId", d.jobId() == null ? "" : d.jobId().toString())
                .add("enqueuedAt", d.enqueuedAt().toString())));
        return Json.createObjectBuilder()
                .add("jobs", Json.createObjectBuilder().add("name", Destinations.JOBS).add("depth", queues.depth(Destinations.JOBS)))
                .add("deadLetters", Json.createObjectBuilder().add("name", Destinations.JOBS_DEAD_LETTERS)
                        .add("depth", queues.depth(Destinations.JOBS_DEAD_LETTERS)).add("messages", letters))
                .build();
    }

    @POST
    @Path("queues/dead-letters/{messageId}/requeue")
    @Operation(summary = "Put a dead-lettered job back on the jobs queue (the job restarts)")
    public Response requeue(@PathParam("messageId") String messageId) {
        if (!queues.requeue(messageId)) {
            throw Problem.notFound("There is no dead-lettered message '" + messageId + "'.");
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("queues/dead-letters")
    @Operation(summary = "Remove every message from the dead-letter queue")
    public JsonObject purge() {
        return Json.createObjectBuilder().add("purged", queues.purge()).build();
    }

    private JsonObject stateChange(java.util.function.Supplier<VoiceCloneJob> change, String jobId) {
        try {
            return JobView.of(change.get());
        } catch (jakarta.ejb.EJBException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IllegalArgumentException) {
                throw Problem.notFound("There is no job '" + jobId + "'.");
            }
            if (cause instanceof IllegalStateException) {
                throw Problem.of(Response.Status.CONFLICT, "job-state", "Not possible in this state", capitalize(cause.getMessage()) + ".").build();
            }
            throw e;
        }
    }

    private static JsonObject withUser(VoiceCloneJob j) {
        return Json.createObjectBuilder(JobView.of(j)).add("userId", j.getUserId().toString()).build();
    }

    private static UUID uuid(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("There is no " + what + " '" + value + "'.");
        }
    }

    private static jakarta.json.JsonValue textOrNull(String value) {
        return value == null ? jakarta.json.JsonValue.NULL : Json.createValue(value);
    }

    private static String time(OffsetDateTime t) {
        return t.toInstant().toString();
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
