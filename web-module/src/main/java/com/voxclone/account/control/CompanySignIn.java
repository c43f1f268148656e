package com.voxclone.account.control;

import com.voxclone.account.boundary.PortalSessions.OpenedSession;
import com.voxclone.account.boundary.PortalSessions;
import com.voxclone.account.control.IdTokenVerifier.InvalidIdTokenException;
import com.voxclone.account.control.IdTokenVerifier.VerifiedIdToken;
import com.voxclone.account.control.OidcProvider.ProviderUnavailableException;
import com.voxclone.account.entity.Role;
import com.voxclone.account.entity.SignInAttempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The sign-in with a company account from start to finish: leave for the identity provider with a fresh state,
 * nonce and PKCE challenge; on the way back check the state against the one this browser was given, redeem the
 * code, verify the ID token, map the groups to a role and open a session. Codes and tokens are never logged.
 */
@ApplicationScoped
public class CompanySignIn {

    /** How long a person may take at the identity provider. */
    public static final Duration ATTEMPT_LIFETIME = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(CompanySignIn.class.getName());

    @Inject
    OidcSettings settings;

    @Inject
    OidcProvider provider;

    @Inject
    PortalSessions sessions;

    /** Where to send the browser, and the state to bind to it (in a cookie) until it comes back. */
    public record Departure(URI authorizationRequest, String state) {
    }

    public Departure start(URI redirectUri) throws ProviderUnavailableException {
        String state = SecretTokens.random();
        String nonce = SecretTokens.random();
        String verifier = Pkce.newVerifier();
        URI target = provider.authorizationRequest(redirectUri, state, nonce, Pkce.challenge(verifier));
        sessions.startAttempt(state, nonce, verifier, redirectUri.toString(), ATTEMPT_LIFETIME);
        return new Departure(target, state);
    }

    /** The session opened, or why not. */
    public record Outcome(Optional<OpenedSession> session, SignInRefusal refusal) {
        static Outcome signedIn(OpenedSession session) {
            return new Outcome(Optional.of(session), null);
        }

        public static Outcome refused(SignInRefusal refusal) {
            return new Outcome(Optional.empty(), refusal);
        }
    }

    /**
     * The browser is back from the identity provider.
     *
     * @param code        the authorization code, absent when the provider answered with an error
     * @param state       the state the provider hands back
     * @param error       the provider's error code, if any
     * @param boundState  the state this browser was given when it left (from its cookie)
     */
    public Outcome finish(String code, String state, String error, String boundState) {
        // The state must be the one given to this very browser: otherwise someone could slip their own sign-in
        // into another person's browser.
        if (state == null || boundState == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                boundState.getBytes(StandardCharsets.UTF_8))) {
            return Outcome.refused(SignInRefusal.EXPIRED);
        }
        Optional<SignInAttempt> attempt = sessions.takeAttempt(state, ATTEMPT_LIFETIME);
        if (attempt.isEmpty()) {
            return Outcome.refused(SignInRefusal.EXPIRED);
        }
        if (error != null) {
            LOG.info(() -> "Company sign-in ended at the identity provider with '" + printable(error) + "'");
            return Outcome.refused("access_denied".equals(error) ? SignInRefusal.CANCELLED : SignInRefusal.FAILED);
        }
        if (code == null || code.isBlank()) {
            return Outcome.refused(SignInRefusal.FAILED);
        }
        VerifiedIdToken token;
        try {
            String idToken = provider.redeem(code, attempt.get().getCodeVerifier(), URI.create(attempt.get().getRedirectUri()));
            token = provider.verifier().verify(idToken, attempt.get().getNonce());
        } catch (ProviderUnavailableException e) {
            LOG.warning(() -> "Company sign-in failed: " + e.getMessage());
            return Outcome.refused(SignInRefusal.FAILED);
        } catch (InvalidIdTokenException e) {
            LOG.warning(() -> "Company sign-in failed: ID token refused: " + e.getMessage());
            return Outcome.refused(SignInRefusal.FAILED);
        }
        Optional<Role> role = settings.groupRoles().roleFor(token.groups());
        if (role.isEmpty()) {
            LOG.info(() -> "Company sign-in refused for subject " + token.identity().subject()
                    + ": in none of the groups mapped to a VoxClone role");
            return Outcome.refused(SignInRefusal.NO_ROLE);
        }
        return sessions.open(token.identity(), role.get(), settings.sessionLifetime())
                .map(Outcome::signedIn)
                .orElseGet(() -> Outcome.refused(SignInRefusal.DISABLED));
    }

    /** An error code from the address, cut short and stripped of anything that could forge log lines. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9_.-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
