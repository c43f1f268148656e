package com.voxclone.account.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings of the sign-in with a company account (OpenID Connect). It is on when an issuer and a client id are
 * configured (e.g. {@code VOXCLONE_OIDC_ISSUER}, {@code VOXCLONE_OIDC_CLIENT_ID}); otherwise only API keys sign in.
 */
@ApplicationScoped
public class OidcSettings {

    private static final Logger LOG = Logger.getLogger(OidcSettings.class.getName());

    @Inject
    @ConfigProperty(name = "voxclone.oidc.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "voxclone.oidc.client-id")
    Optional<String> clientId;

    /** Absent for a public client, which authenticates by PKCE alone. */
    @Inject
    @ConfigProperty(name = "voxclone.oidc.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "voxclone.oidc.scopes", defaultValue = "openid profile email")
    String scopes;

    @Inject
    @ConfigProperty(name = "voxclone.oidc.groups-claim", defaultValue = "groups")
    String groupsClaim;

    @Inject
    @ConfigProperty(name = "voxclone.oidc.admin-groups")
    Optional<String> adminGroups;

    @Inject
    @ConfigProperty(name = "voxclone.oidc.user-groups")
    Optional<String> userGroups;

    /** Only needed when the server cannot tell its public address from the request (e.g. behind a proxy). */
    @Inject
    @ConfigProperty(name = "voxclone.oidc.redirect-uri")
    Optional<String> redirectUri;

    @Inject
    @ConfigProperty(name = "voxclone.session.lifetime", defaultValue = "PT8H")
    Duration sessionLifetime;

    /** Said once at start-up: a sign-in that can only ever refuse people is almost certainly a configuration slip. */
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (enabled() && groupRoles().mapsNothing()) {
            LOG.warning("Sign-in with a company account is on, but no groups are mapped to a role, so everyone will be "
                    + "refused: set voxclone.oidc.admin-groups and/or voxclone.oidc.user-groups "
                    + "(VOXCLONE_OIDC_ADMIN_GROUPS, VOXCLONE_OIDC_USER_GROUPS).");
        }
    }

    public boolean enabled() {
        return present(issuer).isPresent() && present(clientId).isPresent();
    }

    public String issuer() {
        return present(issuer).orElseThrow();
    }

    public String clientId() {
        return present(clientId).orElseThrow();
    }

    public Optional<String> clientSecret() {
        return present(clientSecret);
    }

    /** The requested scopes; {@code openid} is always among them. */
    public String scopes() {
        Set<String> all = new LinkedHashSet<>();
        all.add("openid");
        all.addAll(List.of(scopes.strip().split("[\\s,]+")));
        all.remove("");
        return String.join(" ", all);
    }

    public String groupsClaim() {
        return groupsClaim.strip();
    }

    public GroupRoles groupRoles() {
        return GroupRoles.of(adminGroups.orElse(""), userGroups.orElse(""));
    }

    public Optional<URI> configuredRedirectUri() {
        return present(redirectUri).map(URI::create);
    }

    public Duration sessionLifetime() {
        return sessionLifetime;
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }
}
