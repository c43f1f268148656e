package com.voxclone.worker.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The models a clone or speech request may name now, for the portal and API clients. */
@Path("public/voice/models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    @Inject
    ModelChoice models;

    @GET
    @Operation(summary = "The models requests may name (those the workers hold) and the one a new voice gets by default")
    public JsonObject modelsOnOffer() {
        return Json.createObjectBuilder()
                .add("default", models.deploymentDefault())
                .add("models", Json.createArrayBuilder(models.onOffer()))
                .build();
    }
}
