package com.voxclone.quota.boundary;

import com.voxclone.account.boundary.AccountService;
import com.voxclone.account.boundary.AdministratorsOnly;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import com.voxclone.quota.entity.Quota;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Any user's quotas, for administrators: see them with their usage, and set limits for one user. */
@Path("admin/users/{userId}/quotas")
@RequestScoped
@AdministratorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class UserQuotasResource {

    @Inject
    Quotas quotas;

    @Inject
    AccountService accounts;

    @GET
    @Operation(summary = "A user's quotas and usage; setForUser tells which limits were set for this user")
    public JsonObject userQuotas(@PathParam("userId") String userId) {
        return QuotaView.json(quotas.of(existing(userId)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a user's own limits", description = "Body: the quotas to change, e.g. {\"voices\": 10, "
            + "\"storedBytes\": 1073741824, \"concurrentJobs\": 2, \"synthesisSecondsPerDay\": 600}; null goes back to the "
            + "configured default; quotas not named stay as they are. Lower limits refuse new work only, nothing stored is deleted.")
    public JsonObject setUserQuotas(@PathParam("userId") String userId, JsonObject body) {
        UUID user = existing(userId);
        return QuotaView.json(quotas.set(user, limits(body)));
    }

    private UUID existing(String userId) {
        UUID id = Problem.idOrNotFound(userId, "user");
        accounts.user(id).orElseThrow(() -> Problem.notFound("There is no user '" + userId + "'."));
        return id;
    }

    private static Map<Quota, Optional<Long>> limits(JsonObject body) {
        Map<Quota, Optional<Long>> limits = new EnumMap<>(Quota.class);
        List<Violation> problems = new ArrayList<>();
        String allowed = String.join(", ", List.of(Quota.values()).stream().map(Quota::field).toList());
        if (body == null || body.isEmpty()) {
            problems.add(new Violation("body", "name at least one quota to set: " + allowed));
        } else {
            body.forEach((field, value) -> {
                Optional<Quota> quota = Quota.ofField(field);
                if (quota.isEmpty()) {
                    problems.add(new Violation(field, "'" + field + "' is not a quota; quotas are " + allowed));
                } else if (value == JsonValue.NULL) {
                    limits.put(quota.get(), Optional.empty());
                } else if (value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
                    limits.put(quota.get(), Optional.of(n.longValueExact()));
                } else {
                    problems.add(new Violation(field, field + " must be a whole number of 0 or more, or null for the default; was " + value));
                }
            });
        }
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        return limits;
    }

}
