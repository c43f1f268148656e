package com.voxclone.job.boundary;

import com.voxclone.account.boundary.AdministratorsOnly;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.platform.boundary.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The jobs queue and its dead letters. Administrators only. */
@Path("admin/queues")
@RequestScoped
@AdministratorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class QueuesResource {

    @Inject
    QueueAdministration queues;

    @GET
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
    @Path("dead-letters/{messageId}/requeue")
    @Operation(summary = "Put a dead-lettered job back on the jobs queue (the job restarts)")
    public Response requeue(@PathParam("messageId") String messageId) {
        if (!queues.requeue(messageId)) {
            throw Problem.notFound("There is no dead-lettered message '" + messageId + "'.");
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("dead-letters")
    @Operation(summary = "Remove every message from the dead-letter queue")
    public JsonObject purge() {
        return Json.createObjectBuilder().add("purged", queues.purge()).build();
    }
}
