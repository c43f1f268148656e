package com.voxclone.webhook.boundary;

import static com.voxclone.platform.boundary.JsonFields.time;

import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.importer.boundary.GuardedRequests;
import com.voxclone.importer.boundary.ImportRejectedException;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import com.voxclone.webhook.control.WebhookSignature;
import com.voxclone.webhook.entity.WebhookDelivery;
import com.voxclone.webhook.entity.WebhookEndpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A user's webhook endpoints: every status change of their jobs is POSTed to each, signed with the endpoint's secret
 * (headers {@value WebhookSignature#ID}, {@value WebhookSignature#TIMESTAMP}, {@value WebhookSignature#SIGNATURE}),
 * retried with growing delays until the endpoint answers 2xx; the delivery log shows every attempt's outcome.
 */
@Path("public/webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    static final int MAX_ENDPOINTS = 10;
    static final int MAX_URL = 2000;
    static final int LOG_ENTRIES = 100;

    @Inject
    WebhookStore store;

    @Inject
    GuardedRequests requests;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a webhook endpoint", description = "Body: {\"url\": \"https://...\"} (public internet addresses "
            + "only). Answers 201 with the endpoint and its signing secret, shown only here. Each delivery is a POST of "
            + "{\"type\": \"job.status\", \"createdAt\", \"data\": the job as the status endpoint shows it} with "
            + "VoxClone-Webhook-Id (the same on retries), VoxClone-Webhook-Timestamp (Unix seconds) and "
            + "VoxClone-Webhook-Signature: v1= hex HMAC-SHA256(secret, timestamp + \".\" + body).")
    public Response createWebhook(JsonObject body) {
        UUID userId = userId();
        URI url = url(body == null ? null : body.get("url"));
        if (store.count(userId) >= MAX_ENDPOINTS) {
            throw Problem.of(Response.Status.CONFLICT, "too-many-webhooks", "Too many webhooks", "You have "
                    + MAX_ENDPOINTS + " webhook endpoints, the most one user may have; delete one first.").build();
        }
        try {
            requests.check(url);
        } catch (ImportRejectedException e) {
            throw Problem.of(422, "webhook-address-refused", "Address refused", "Webhooks are delivered to addresses on the "
                    + "public internet only, and '" + url.getHost() + "' is not one (or cannot be looked up).").build();
        }
        WebhookStore.Created created = store.create(userId, url.toString());
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder(view(created.endpoint()))
                .add("secret", created.secret()).build()).build();
    }

    @GET
    @Operation(summary = "Your webhook endpoints (without their secrets)")
    public JsonArray webhooks() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        store.of(userId()).forEach(e -> list.add(view(e)));
        return list.build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a webhook endpoint with its delivery log; nothing more is sent to it")
    public Response deleteWebhook(@PathParam("id") String id) {
        if (!store.delete(userId(), Problem.idOrNotFound(id, "webhook"))) {
            throw Problem.notFound("There is no webhook '" + id + "'.");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The delivery log of an endpoint, newest first (the last " + LOG_ENTRIES + ")",
            description = "state: pending (waiting for an attempt), delivered (answered 2xx) or failed (given up after the last "
                    + "attempt); attempts, the last status code or error, and when the next attempt is due.")
    public JsonArray webhookDeliveries(@PathParam("id") String id) {
        WebhookEndpoint endpoint = store.find(userId(), Problem.idOrNotFound(id, "webhook"))
                .orElseThrow(() -> Problem.notFound("There is no webhook '" + id + "'."));
        JsonArrayBuilder log = Json.createArrayBuilder();
        store.deliveries(endpoint.id(), LOG_ENTRIES).forEach(d -> log.add(view(d)));
        return log.build();
    }

    private UUID userId() {
        return CallerAuthentication.caller(security).userId();
    }

    private static URI url(JsonValue value) {
        String text = value instanceof JsonString s ? s.getString().strip() : "";
        try {
            URI url = URI.create(text);
            if (url.isAbsolute() && ("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
                    && url.getHost() != null && text.length() <= MAX_URL && url.getUserInfo() == null) {
                return url;
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw Problem.invalidFields(List.of(new Violation("url", "url must be an http or https address without a user name, "
                + "at most " + MAX_URL + " characters")));
    }

    private static JsonObject view(WebhookEndpoint e) {
        return Json.createObjectBuilder().add("id", e.id().toString()).add("url", e.url())
                .add("createdAt", time(e.createdAt())).build();
    }

    private static JsonObject view(WebhookDelivery d) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", d.id().toString())
                .add("event", d.event())
                .add("jobId", d.jobId() == null ? JsonValue.NULL : Json.createValue(d.jobId().toString()))
                .add("state", d.state())
                .add("attempts", d.attempts())
                .add("lastStatusCode", d.lastStatusCode() == null ? JsonValue.NULL : Json.createValue(d.lastStatusCode()))
                .add("lastError", d.lastError() == null ? JsonValue.NULL : Json.createValue(d.lastError()))
                .add("createdAt", time(d.createdAt()))
                .add("deliveredAt", d.deliveredAt() == null ? JsonValue.NULL : Json.createValue(time(d.deliveredAt())));
        b.add("nextAttemptAt", "pending".equals(d.state()) ? Json.createValue(time(d.nextAttemptAt())) : JsonValue.NULL);
        return b.build();
    }
}
