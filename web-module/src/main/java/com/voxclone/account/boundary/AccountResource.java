package com.voxclone.account.boundary;

import com.voxclone.account.control.RequestRate;
import com.voxclone.account.entity.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who the API key belongs to: the portal uses it to sign in and to show the administration page to admins. */
@Path("public/account")
@RequestScoped
public class AccountResource {

    @Context
    SecurityContext security;

    @Inject
    RequestRate rate;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The account of the calling API key: user id, name, role and the limits that apply to it")
    public JsonObject whoAmI() {
        Caller caller = CallerAuthentication.caller(security);
        return Json.createObjectBuilder()
                .add("userId", caller.userId().toString())
                .add("name", caller.name())
                .add("role", caller.role().value())
                .add("limits", Json.createObjectBuilder().add("requestsPerMinute", rate.requestsPerMinute()))
                .build();
    }
}
