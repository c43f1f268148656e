package com.voxclone.account.boundary;

import com.voxclone.platform.boundary.Problem;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-site request forgery protection for requests authenticated by the session cookie (API-key requests need
 * none: a browser never adds the key by itself). A request that changes something must carry the header the
 * portal always sends, which another site cannot add without the browser asking this server first (and it never
 * allows that), and, when the browser names its origin, come from the portal's own origin.
 */
public final class SessionRequestGuard {

    /** Sent by the portal with every call. */
    public static final String CLIENT_HEADER = "X-VoxClone-Client";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private SessionRequestGuard() {
    }

    /** Answers 403 with problem details when {@link #refusal} finds a reason. */
    public static void enforce(String method, String clientHeader, String origin, Set<String> ownOrigins) {
        refusal(method, clientHeader, origin, ownOrigins).ifPresent(reason -> {
            throw Problem.of(Response.Status.FORBIDDEN, "cross-site-request", "Request not accepted",
                    "This request did not come from the VoxClone portal (" + reason + "). Reload the portal and try again.").build();
        });
    }

    /**
     * @param origin     the request's {@code Origin} header, or null
     * @param ownOrigins the origins the portal is served from, e.g. {@code https://voxclone.example.com}
     * @return why the request is refused, or empty when it may go on
     */
    public static Optional<String> refusal(String method, String clientHeader, String origin, Set<String> ownOrigins) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (clientHeader == null || clientHeader.isBlank()) {
            return Optional.of("the " + CLIENT_HEADER + " header is missing");
        }
        if (origin != null && !ownOrigins.contains(origin)) {
            return Optional.of("the request comes from another site (" + origin + ")");
        }
        return Optional.empty();
    }
}
