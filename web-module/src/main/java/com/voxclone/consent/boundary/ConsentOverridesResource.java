package com.voxclone.consent.boundary;

import com.voxclone.account.boundary.AccountService;
import com.voxclone.account.boundary.AdministratorsOnly;
import com.voxclone.account.boundary.CallerAuthentication;
import com.voxclone.consent.entity.ConsentChallenge;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * An administrator's recorded decision that a user may clone one voice without spoken consent (the speaker cannot
 * record it, consent was given in writing, ...). The answer's challengeId is used like an answered challenge.
 */
@Path("admin/consent/overrides")
@RequestScoped
@AdministratorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class ConsentOverridesResource {

    static final int MIN_REASON = 10;
    static final int MAX_REASON = 2000;

    @Inject
    ConsentRecords records;

    @Inject
    AccountService accounts;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Let a user clone one voice without spoken consent", description = "Body: {\"userId\": \"...\", "
            + "\"reason\": \"...\" (" + MIN_REASON + " to " + MAX_REASON + " characters)}. Answers 201 with a challengeId that "
            + "user sends as consentChallengeId with one clone request; the override, who made it and why are kept with the voice.")
    public Response override(JsonObject body) {
        String userId = body != null && body.get("userId") instanceof JsonString s ? s.getString() : null;
        String reason = body != null && body.get("reason") instanceof JsonString s ? s.getString().strip() : "";
        List<Violation> problems = new ArrayList<>();
        UUID user = null;
        try {
            user = UUID.fromString(String.valueOf(userId));
        } catch (IllegalArgumentException e) {
            problems.add(new Violation("userId", "userId must be the id of the user who may clone the voice (a UUID), was "
                    + (userId == null ? "missing" : "'" + userId + "'")));
        }
        if (reason.length() < MIN_REASON || reason.length() > MAX_REASON) {
            problems.add(new Violation("reason", "reason is required (" + MIN_REASON + " to " + MAX_REASON
                    + " characters): why this voice may be cloned without spoken consent"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        UUID owner = user;
        accounts.user(owner).orElseThrow(() -> Problem.notFound("There is no user '" + owner + "'."));
        ConsentChallenge challenge = records.override(owner, CallerAuthentication.caller(security).userId(), reason);
        return Response.created(URI.create(ConsentResource.CHALLENGES_PATH + "/" + challenge.getId()))
                .entity(ConsentResource.view(challenge)).build();
    }
}
