package com.voxclone.account.boundary;

import com.voxclone.account.control.ApiKeys;
import com.voxclone.account.control.PortalAddress;
import com.voxclone.account.control.RequestRate;
import com.voxclone.account.control.SessionCookies;
import com.voxclone.account.entity.Caller;
import com.voxclone.platform.boundary.Problem;
import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Every API call is made by a known caller: with an API key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}) or, in the portal after a company sign-in, with the session cookie. A key wins when
 * both are present. Session requests that change something must pass the {@link SessionRequestGuard}. No caller:
 * 401. A resource (class or method) marked {@link AdministratorsOnly} needs the admin role, and so does every path
 * under {@code /api/admin} whatever its resource says: 403 otherwise. Resources marked
 * {@link PermitAll} (the sign-in itself) are open. Each key and session has a request allowance ({@link RequestRate}):
 * past it, 429 with {@code Retry-After}. Keys and session tokens are never logged.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class CallerAuthentication implements ContainerRequestFilter {

    public static final String API_KEY_HEADER = "X-API-Key";

    @Inject
    AccountService accounts;

    @Inject
    PortalSessions sessions;

    @Inject
    PortalAddress portal;

    @Inject
    RequestRate rate;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (open()) {
            return;
        }
        String key = keyOf(request);
        Cookie session = request.getCookies().get(SessionCookies.SESSION);
        Caller caller;
        String scheme;
        if (key != null) {
            caller = accounts.authenticate(key).orElseThrow(() -> Problem.of(Response.Status.UNAUTHORIZED,
                    "unauthenticated", "Invalid API key", "This API key is unknown or has been revoked.").build());
            scheme = "API key";
        } else if (session != null && !session.getValue().isBlank()) {
            caller = sessions.authenticate(session.getValue()).orElseThrow(() -> Problem.of(Response.Status.UNAUTHORIZED,
                    "session-ended", "Session ended", "Your session has ended. Sign in again.").build());
            SessionRequestGuard.enforce(request.getMethod(), request.getHeaderString(SessionRequestGuard.CLIENT_HEADER),
                    request.getHeaderString("Origin"), portal.ownOrigins(request.getUriInfo()));
            scheme = "session";
        } else {
            throw Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated", "Sign-in required",
                    "Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>', or sign in to the portal.").build();
        }
        limit(key != null ? "key:" + ApiKeys.hash(key) : "session:" + ApiKeys.hash(session.getValue()));
        String path = request.getUriInfo().getPath();
        boolean adminPath = path.startsWith("admin") || path.startsWith("/admin");
        if ((adminPath || administratorsOnly()) && !caller.admin()) {
            throw Problem.of(Response.Status.FORBIDDEN, "forbidden", "Administrators only",
                    "This part of VoxClone is for administrators; you are signed in with a user account.").build();
        }
        request.setSecurityContext(context(caller, scheme, request.getSecurityContext().isSecure()));
    }

    /** 429 with {@code Retry-After} when the credential is over its request allowance ({@link RequestRate}). */
    private void limit(String credential) {
        rate.take(credential).ifPresent(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw Problem.of(429, "rate-limited", "Too many requests", "This key or session made more than "
                    + rate.requestsPerMinute() + " requests a minute. Try again in " + seconds + " s.")
                    .with("retryAfterSeconds", seconds).with("requestsPerMinute", rate.requestsPerMinute())
                    .header("Retry-After", Long.toString(seconds)).build();
        });
    }

    private boolean administratorsOnly() {
        return resource.getResourceMethod() != null && (resource.getResourceMethod().isAnnotationPresent(AdministratorsOnly.class)
                || resource.getResourceClass().isAnnotationPresent(AdministratorsOnly.class));
    }

    private boolean open() {
        return resource.getResourceMethod() != null && (resource.getResourceMethod().isAnnotationPresent(PermitAll.class)
                || resource.getResourceClass().isAnnotationPresent(PermitAll.class));
    }

    private static SecurityContext context(Caller caller, String scheme, boolean secure) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return caller.role().value().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        };
    }

    private static String keyOf(ContainerRequestContext request) {
        String auth = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7) {
            return auth.substring(7).trim();
        }
        String header = request.getHeaderString(API_KEY_HEADER);
        return header == null || header.isBlank() ? null : header.trim();
    }

    /** The caller of the current request, as set by this filter. */
    public static Caller caller(SecurityContext context) {
        return (Caller) context.getUserPrincipal();
    }
}
