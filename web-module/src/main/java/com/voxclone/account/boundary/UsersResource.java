package com.voxclone.account.boundary;

import static com.voxclone.platform.boundary.JsonFields.time;

import com.voxclone.account.entity.Role;
import com.voxclone.account.entity.User;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.boundary.StateChange;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Administration of users and their API keys. Administrators only. */
@Path("admin")
@RequestScoped
@AdministratorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    AccountService accounts;

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user", description = "Body: {\"name\": \"...\", \"role\": \"user\"|\"admin\"}. The API key is shown only in this answer.")
    public Response createUser(JsonObject body) {
        String name = body != null && body.get("name") instanceof JsonString s ? s.getString().strip() : "";
        String roleText = body != null && body.get("role") instanceof JsonString r ? r.getString() : "user";
        if (name.isEmpty() || name.length() > 200) {
            throw Problem.invalidFields(List.of(new Violation("name", "name is required (1 to 200 characters)")));
        }
        Role role;
        try {
            role = Role.of(roleText);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidFields(List.of(new Violation("role", "role must be 'user' or 'admin', was '" + roleText + "'")));
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
                    .add("active", u.isActive())
                    .add("createdAt", time(u.getCreatedAt()))
                    .add("keys", keys));
        });
        return list.build();
    }

    @POST
    @Path("users/{userId}/keys")
    @Operation(summary = "Issue another API key for a user (shown once)")
    public Response issueKey(@PathParam("userId") String userId) {
        AccountService.IssuedKey key = StateChange.apply(() -> accounts.issueKey(Problem.idOrNotFound(userId, "user")),
                "user", userId, "user-state");
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder()
                .add("keyId", key.keyId().toString()).add("apiKey", key.apiKey()).build()).build();
    }

    @POST
    @Path("users/{userId}/disable")
    @Operation(summary = "Disable a user: their keys and sessions stop working at once; nothing of theirs is deleted")
    public JsonObject disable(@PathParam("userId") String userId) {
        return activeState(userId, false);
    }

    @POST
    @Path("users/{userId}/enable")
    @Operation(summary = "Enable a disabled user again: their keys that were not revoked work again")
    public JsonObject enable(@PathParam("userId") String userId) {
        return activeState(userId, true);
    }

    private JsonObject activeState(String userId, boolean active) {
        User user = StateChange.apply(() -> accounts.setActive(Problem.idOrNotFound(userId, "user"), active),
                "user", userId, "last-administrator");
        return Json.createObjectBuilder().add("userId", user.getId().toString()).add("active", user.isActive()).build();
    }

    @DELETE
    @Path("keys/{keyId}")
    @Operation(summary = "Revoke an API key")
    public Response revokeKey(@PathParam("keyId") String keyId) {
        if (!accounts.revokeKey(Problem.idOrNotFound(keyId, "key"))) {
            throw Problem.notFound("There is no key '" + keyId + "'.");
        }
        return Response.noContent().build();
    }
}
