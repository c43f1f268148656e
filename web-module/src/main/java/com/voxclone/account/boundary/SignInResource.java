package com.voxclone.account.boundary;

import com.voxclone.account.control.CompanySignIn;
import com.voxclone.account.control.OidcProvider.ProviderUnavailableException;
import com.voxclone.account.control.OidcProvider;
import com.voxclone.account.control.OidcSettings;
import com.voxclone.account.control.PortalAddress;
import com.voxclone.account.control.SessionCookies;
import com.voxclone.account.control.SignInRefusal;
import com.voxclone.platform.boundary.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Signing in to the portal with a company account and signing out. Open to everyone: these calls are how a
 * caller gets a session in the first place. Answers to the browser's round trip through the identity provider are
 * redirects to the portal, with nothing secret in the address.
 */
@Path("auth")
@PermitAll
@RequestScoped
public class SignInResource {

    private static final Logger LOG = Logger.getLogger(SignInResource.class.getName());

    @Inject
    OidcSettings settings;

    @Inject
    OidcProvider provider;

    @Inject
    CompanySignIn signIn;

    @Inject
    PortalSessions sessions;

    @Inject
    PortalAddress address;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @GET
    @Path("options")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How one can sign in here (company account or API key) and whether this browser has a session")
    public JsonObject options(@CookieParam(SessionCookies.SESSION) String session) {
        return Json.createObjectBuilder()
                .add("companyAccount", settings.enabled())
                .add("apiKey", true)
                .add("signedIn", session != null && sessions.authenticate(session).isPresent())
                .build();
    }

    @GET
    @Path("oidc/login")
    @Operation(summary = "Starts a sign-in with a company account: redirects to the identity provider")
    public Response login() {
        if (!settings.enabled()) {
            throw Problem.notFound("Sign-in with a company account is not configured on this server.");
        }
        try {
            CompanySignIn.Departure departure = signIn.start(address.callback(uri));
            return noStore(Response.seeOther(departure.authorizationRequest()))
                    .cookie(SessionCookies.signInState(departure.state(), CompanySignIn.ATTEMPT_LIFETIME, secure()))
                    .build();
        } catch (ProviderUnavailableException e) {
            LOG.warning(() -> "Company sign-in could not start: " + e.getMessage());
            return backToPortal(SignInRefusal.FAILED).build();
        }
    }

    @GET
    @Path("oidc/callback")
    @Operation(summary = "Where the identity provider sends the browser back to; opens the session and returns to the portal")
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
                             @CookieParam(SessionCookies.SIGN_IN_STATE) String boundState) {
        if (!settings.enabled()) {
            throw Problem.notFound("Sign-in with a company account is not configured on this server.");
        }
        CompanySignIn.Outcome outcome = finish(code, state, error, boundState);
        Response.ResponseBuilder answer = outcome.session()
                .map(session -> noStore(Response.seeOther(address.portal(uri))).cookie(SessionCookies.session(session.token(), secure())))
                .orElseGet(() -> backToPortal(outcome.refusal()));
        return answer.cookie(SessionCookies.signInStateUsed(secure())).build();
    }

    @POST
    @Path("sign-out")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ends the portal session; answers where to end the identity provider's session too, if it has such a page")
    public Response signOut(@CookieParam(SessionCookies.SESSION) String session, @HeaderParam(SessionRequestGuard.CLIENT_HEADER) String client,
                            @HeaderParam("Origin") String origin) {
        if (session == null || session.isBlank()) {
            return Response.ok(Json.createObjectBuilder().add("endSessionUrl", JsonValue.NULL).build()).build();
        }
        SessionRequestGuard.enforce("POST", client, origin, address.ownOrigins(uri));
        boolean hadSession = sessions.authenticate(session).isPresent();
        sessions.close(session);
        JsonValue endSession = hadSession && settings.enabled()
                ? provider.endSession(address.portal(uri)).<JsonValue>map(u -> Json.createValue(u.toString())).orElse(JsonValue.NULL)
                : JsonValue.NULL;
        return noStore(Response.ok(Json.createObjectBuilder().add("endSessionUrl", endSession).build()))
                .cookie(SessionCookies.sessionEnded(secure())).build();
    }

    private CompanySignIn.Outcome finish(String code, String state, String error, String boundState) {
        try {
            return signIn.finish(code, state, error, boundState);
        } catch (RuntimeException e) {
            // Whatever went wrong, the person lands on the portal with a message rather than on an error document.
            LOG.log(Level.WARNING, "Company sign-in failed unexpectedly", e);
            return CompanySignIn.Outcome.refused(SignInRefusal.FAILED);
        }
    }

    /** The portal's start page, with the reason a sign-in did not work for it to explain. */
    private Response.ResponseBuilder backToPortal(SignInRefusal refusal) {
        URI target = URI.create(address.portal(uri) + "?sign-in-error=" + refusal.code());
        return noStore(Response.seeOther(target));
    }

    /** Nothing of a sign-in is cached, and the provider's address with its parameters is not passed on as referrer. */
    private static Response.ResponseBuilder noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }

    private boolean secure() {
        return address.secure(uri, security.isSecure());
    }
}
