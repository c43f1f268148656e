package com.voxclone.integration.boundary;

import static com.voxclone.platform.boundary.JsonFields.time;

import com.voxclone.account.boundary.AdministratorsOnly;
import com.voxclone.integration.entity.JmsClient;
import com.voxclone.messaging.entity.Destinations;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Broker accounts for enterprise systems, each acting for one user. Administrators only. */
@Path("admin/jms-clients")
@RequestScoped
@AdministratorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class JmsClientsResource {

    static final int MAX_NAME = 100;

    @Inject
    JmsClients clients;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an integration account", description = "Body: {\"name\": \"...\", \"userId\": \"...\"}. "
            + "The system signs on to the broker with the answered username and password (shown only in this answer), "
            + "sends requests to requestQueue, reads its replies from replyQueue and may subscribe to statusTopic, where "
            + "every status change of the user's jobs is published. Its requests are checked like that user's HTTP calls.")
    public Response createIntegrationAccount(JsonObject body) {
        String name = body != null && body.get("name") instanceof JsonString s ? s.getString().strip() : "";
        String userId = body != null && body.get("userId") instanceof JsonString s ? s.getString() : null;
        List<Violation> problems = new ArrayList<>();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            problems.add(new Violation("name", "name is required (1 to " + MAX_NAME + " characters): what the system is"));
        }
        UUID owner = null;
        try {
            owner = UUID.fromString(String.valueOf(userId));
        } catch (IllegalArgumentException e) {
            problems.add(new Violation("userId", "userId must be the id of the user the system acts for (a UUID), was "
                    + (userId == null ? "missing" : "'" + userId + "'")));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        JmsClients.Created created = clients.create(name, owner);
        return Response.status(Response.Status.CREATED).entity(view(created.client())
                .add("password", created.password())
                .add("brokerUrl", created.brokerUrl())
                .add("requestQueue", Destinations.REQUESTS)
                .build()).build();
    }

    @GET
    @Operation(summary = "Integration accounts, revoked ones too (never their passwords)")
    public JsonArray integrationAccounts() {
        var list = Json.createArrayBuilder();
        clients.all().forEach(c -> list.add(view(c)));
        return list.build();
    }

    @GET
    @Path("{clientId}")
    @Operation(summary = "One integration account")
    public JsonObject integrationAccount(@PathParam("clientId") String clientId) {
        UUID id = Problem.idOrNotFound(clientId, "integration account");
        return clients.find(id).map(c -> view(c).build())
                .orElseThrow(() -> Problem.notFound("There is no integration account '" + clientId + "'."));
    }

    @DELETE
    @Path("{clientId}")
    @Operation(summary = "Revoke an integration account", description = "Its requests are refused from now on; the broker "
            + "closes its connections and refuses it. The account stays listed as revoked.")
    public JsonObject revokeIntegrationAccount(@PathParam("clientId") String clientId) {
        return view(clients.revoke(Problem.idOrNotFound(clientId, "integration account"))).build();
    }

    private static JsonObjectBuilder view(JmsClient c) {
        return Json.createObjectBuilder()
                .add("clientId", c.id().toString())
                .add("name", c.name())
                .add("userId", c.userId().toString())
                .add("username", c.username())
                .add("replyQueue", c.replyQueue())
                .add("statusTopic", c.statusTopic())
                .add("createdAt", time(c.createdAt()))
                .add("revokedAt", c.revoked() ? Json.createValue(time(c.revokedAt())) : JsonValue.NULL);
    }
}
