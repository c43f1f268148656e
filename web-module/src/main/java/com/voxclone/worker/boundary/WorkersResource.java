package com.voxclone.worker.boundary;

import static com.voxclone.platform.boundary.JsonFields.textOrNull;
import static com.voxclone.platform.boundary.JsonFields.time;

import com.voxclone.account.boundary.AdministratorsOnly;
import com.voxclone.worker.entity.WorkerNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The worker nodes as they last reported. Administrators only. */
@Path("admin/workers")
@RequestScoped
@AdministratorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class WorkersResource {

    @Inject
    WorkerRegistry workers;

    @Inject
    CurrentJobs currentJobs;

    @GET
    @Operation(summary = "Worker nodes: engine, execution provider, device, the jobs each is working on, last heartbeat")
    public JsonArray workers() {
        var list = Json.createArrayBuilder();
        OffsetDateTime freshSince = OffsetDateTime.now().minus(WorkerRegistry.FRESHNESS);
        Map<String, List<UUID>> held = currentJobs.byNode();
        for (WorkerNode w : workers.all()) {
            var current = Json.createArrayBuilder();
            held.getOrDefault(w.getNodeName(), List.of()).forEach(job -> current.add(job.toString()));
            list.add(Json.createObjectBuilder()
                    .add("node", w.getNodeName())
                    .add("host", w.getHost())
                    .add("engine", w.getEngine())
                    .add("qualityTier", w.getQualityTier())
                    .add("model", textOrNull(w.getModel()))
                    .add("models", w.getModelId() == null ? Json.createArrayBuilder() : Json.createArrayBuilder().add(w.getModelId()))
                    .add("executionProvider", textOrNull(w.getExecutionProvider()))
                    .add("device", textOrNull(w.getDevice()))
                    .add("currentJobs", current)
                    .add("startedAt", time(w.getStartedAt()))
                    .add("lastHeartbeatAt", time(w.getLastHeartbeatAt()))
                    .add("alive", !w.getLastHeartbeatAt().isBefore(freshSince)));
        }
        return list.build();
    }
}
