package com.voxclone.web.security;

import com.voxclone.account.boundary.AccountService;
import com.voxclone.account.entity.Caller;
import com.voxclone.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;

/**
 * Every API call carries an API key: {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. No valid
 * key: 401. Paths under {@code /api/admin} need the admin role: 403 otherwise. The key itself is never logged.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthentication implements ContainerRequestFilter {

    public static final String API_KEY_HEADER = "X-API-Key";

    @Inject
    AccountService accounts;

    @Override
    public void filter(ContainerRequestContext request) {
        String key = keyOf(request);
        if (key == null) {
            throw Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated", "API key required",
                    "Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.").build();
        }
        Caller caller = accounts.authenticate(key).orElseThrow(() -> Problem.of(Response.Status.UNAUTHORIZED,
                "unauthenticated", "Invalid API key", "This API key is unknown or has been revoked.").build());
        String path = request.getUriInfo().getPath();
        if ((path.startsWith("admin") || path.startsWith("/admin")) && !caller.admin()) {
            throw Problem.of(Response.Status.FORBIDDEN, "forbidden", "Administrators only",
                    "This part of the API is for administrators; your key belongs to a user account.").build();
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
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
                return "API key";
            }
        });
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
