package com.voxclone.quota.boundary;

import com.voxclone.account.boundary.CallerAuthentication;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The caller's own quotas, with what is used of each. */
@Path("public/account/quotas")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AccountQuotasResource {

    @Inject
    Quotas quotas;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The caller's quotas: for each, the limit, what is used and what remains",
            description = "voices (kept or being cloned), storedBytes (all stored audio), concurrentJobs (clone jobs pending "
                    + "or processing) and synthesisSecondsPerDay (speech produced today, UTC).")
    public JsonObject ownQuotas() {
        return QuotaView.json(quotas.of(CallerAuthentication.caller(security).userId()));
    }
}
