package com.voxclone.consent.boundary;

import com.voxclone.account.boundary.AdministratorsOnly;
import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.consent.entity.ConsentPolicy;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The installation's consent policy, as administrators see and change it while the product runs. */
@Path("admin/consent/policy")
@RequestScoped
@AdministratorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class ConsentPolicyResource {

    private static final Logger LOG = Logger.getLogger(ConsentPolicyResource.class.getName());

    @Inject
    ConsentRecords records;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The consent policy in force", description = "Answers {\"policy\", \"configured\" (the "
            + "deployment's VOXCLONE_CONSENT_POLICY), \"chosenBy\", \"chosenAt\"} (the last two when an administrator chose it).")
    public JsonObject get() {
        return view(records.policy());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Choose the consent policy", description = "Body: {\"policy\": \"require\" | \"off\" | null}. "
            + "require: no voice without verified spoken consent or an override; off: development and test installations "
            + "only; null: back to the deployment's setting. Takes effect for the next clone request and job.")
    public JsonObject choose(JsonObject body) {
        JsonValue value = body == null ? null : body.get("policy");
        Optional<ConsentPolicy> chosen;
        if (value == null || value == JsonValue.NULL) {
            chosen = Optional.empty();
        } else {
            try {
                chosen = Optional.of(ConsentPolicy.of(value instanceof JsonString s ? s.getString() : value.toString()));
            } catch (IllegalArgumentException e) {
                throw Problem.invalidFields(List.of(new Violation("policy", "policy must be \"require\", \"off\" or null "
                        + "(the deployment's setting), was " + value)));
            }
        }
        ConsentPolicy now = records.choosePolicy(chosen, CallerAuthentication.caller(security).userId());
        if (now == ConsentPolicy.OFF) {
            LOG.warning("An administrator turned the consent policy off: voices are cloned without their speaker's verified "
                    + "consent until it is set back to 'require'.");
        }
        return view(now);
    }

    private JsonObject view(ConsentPolicy policy) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("policy", policy.value())
                .add("configured", records.configuredPolicy().value());
        records.chosenPolicy().ifPresent(s -> {
            if (s.getUpdatedBy() != null) {
                b.add("chosenBy", s.getUpdatedBy().toString());
            }
            b.add("chosenAt", s.getUpdatedAt().toInstant().toString());
        });
        return b.build();
    }
}
