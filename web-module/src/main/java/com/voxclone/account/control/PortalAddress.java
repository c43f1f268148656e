package com.voxclone.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where the portal is, as the browser sees it: taken from the request, unless a redirect URI is configured (needed
 * behind a proxy that changes the address).
 */
@ApplicationScoped
public class PortalAddress {

    static final String CALLBACK = "auth/oidc/callback";

    @Inject
    OidcSettings settings;

    /** Where the identity provider sends the browser back to. */
    public URI callback(UriInfo request) {
        return settings.configuredRedirectUri().orElseGet(() -> request.getBaseUri().resolve(CALLBACK));
    }

    /** The portal's start page. */
    public URI portal(UriInfo request) {
        return callback(request).resolve("/");
    }

    /** The origins ({@code scheme://host:port}) a portal page of this server can have. */
    public Set<String> ownOrigins(UriInfo request) {
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(request.getBaseUri()));
        settings.configuredRedirectUri().ifPresent(uri -> origins.add(origin(uri)));
        return origins;
    }

    /** Whether cookies must be marked Secure: the request came over https, or the portal's address is https. */
    public boolean secure(UriInfo request, boolean requestSecure) {
        return requestSecure || "https".equalsIgnoreCase(request.getBaseUri().getScheme())
                || "https".equalsIgnoreCase(callback(request).getScheme());
    }

    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    }
}
