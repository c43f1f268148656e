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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The worker nodes as they last reported. Administrators only. */
@Path("admin/workers")
@RequestScoped
@AdministratorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class WorkersResource {

    @Inject
    WorkerRegistry workers;

    @GET
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
}
