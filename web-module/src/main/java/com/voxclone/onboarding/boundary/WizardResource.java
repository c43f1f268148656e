package com.voxclone.onboarding.boundary;

import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.onboarding.entity.WizardDocument;
import com.voxclone.platform.boundary.Problem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The portal's onboarding wizard state, saved per user so that a reload or another device continues it. */
@Path("public/voice/onboarding/wizard")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WizardResource {

    @Inject
    OnboardingRecords records;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The saved wizard state ({} when there is none)")
    public JsonObject load() {
        return records.wizardState(userId()).map(WizardResource::parse).orElse(JsonValue.EMPTY_JSON_OBJECT);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save the wizard state", description = "Body: a JSON object with \"step\" (1-7) and the choices made; "
            + "at most 16 kB. Files are not part of it.")
    public JsonObject save(JsonObject state) {
        var problems = WizardDocument.check(state);
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        records.saveWizardState(userId(), state.toString());
        return state;
    }

    @DELETE
    @Operation(summary = "Forget the wizard state (start over)")
    public Response clear() {
        records.clearWizardState(userId());
        return Response.noContent().build();
    }

    private UUID userId() {
        return CallerAuthentication.caller(security).userId();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
