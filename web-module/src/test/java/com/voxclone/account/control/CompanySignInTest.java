package com.voxclone.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.voxclone.account.boundary.PortalSessions;
import com.voxclone.account.entity.Caller;
import com.voxclone.account.entity.CompanyIdentity;
import com.voxclone.account.entity.Role;
import com.voxclone.account.entity.SignInAttempt;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The way back from the identity provider, with the database and the provider's endpoints replaced by fakes. */
class CompanySignInTest {

    private static final String ISSUER = "https://login.example.com";
    private static final String CLIENT = "voxclone";
    private static final URI CALLBACK = URI.create("https://voxclone.example.com/api/auth/oidc/callback");

    private final FakeSessions sessions = new FakeSessions();
    private final FakeProvider provider = new FakeProvider();
    private final CompanySignIn signIn = new CompanySignIn();
    private RSAKey key;

    @BeforeEach
    void wire() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        OidcSettings settings = new OidcSettings() {
            @Override
            public GroupRoles groupRoles() {
                return GroupRoles.of("voice-admins", "staff");
            }

            @Override
            public Duration sessionLifetime() {
                return Duration.ofHours(8);
            }
        };
        signIn.settings = settings;
        signIn.provider = provider;
        signIn.sessions = sessions;
    }

    /** Leaves for the provider and returns the state; the provider will answer with a token for these groups. */
    private String departWithGroups(List<String> groups) throws Exception {
        CompanySignIn.Departure departure = signIn.start(CALLBACK);
        SignInAttempt attempt = sessions.attempts.get(departure.state());
        Instant now = Instant.now();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("u-42").claim("name", "Kim")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                        .claim("nonce", attempt.getNonce()).claim("groups", groups).build());
        token.sign(new RSASSASigner(key));
        provider.idToken = token.serialize();
        return departure.state();
    }

    @Test
    void aMappedGroupOpensASessionWithItsRole() throws Exception {
        String state = departWithGroups(List.of("staff"));
        CompanySignIn.Outcome outcome = signIn.finish("the-code", state, null, state);
        assertNull(outcome.refusal());
        assertEquals(Role.USER, outcome.session().orElseThrow().caller().role());
        assertEquals(new CompanyIdentity(ISSUER, "u-42", "Kim"), sessions.openedFor);
        assertEquals("the-code", provider.redeemedCode);
        assertEquals(sessions.verifierOf(state), provider.redeemedVerifier, "the PKCE verifier goes with the code");
    }

    @Test
    void noMappedGroupIsRefusedWithoutASession() throws Exception {
        String state = departWithGroups(List.of("marketing"));
        assertEquals(SignInRefusal.NO_ROLE, signIn.finish("the-code", state, null, state).refusal());
        assertNull(sessions.openedFor);
    }

    @Test
    void aStateFromAnotherBrowserIsRefusedBeforeTheCodeIsUsed() throws Exception {
        String state = departWithGroups(List.of("staff"));
        assertEquals(SignInRefusal.EXPIRED, signIn.finish("the-code", state, null, "another-browser").refusal());
        assertEquals(SignInRefusal.EXPIRED, signIn.finish("the-code", state, null, null).refusal());
        assertNull(provider.redeemedCode);
    }

    @Test
    void anAttemptIsUsedOnce() throws Exception {
        String state = departWithGroups(List.of("staff"));
        assertTrue(signIn.finish("the-code", state, null, state).session().isPresent());
        assertEquals(SignInRefusal.EXPIRED, signIn.finish("the-code", state, null, state).refusal());
    }

    @Test
    void cancellingAtTheProviderIsSaidSo() throws Exception {
        String state = departWithGroups(List.of("staff"));
        assertEquals(SignInRefusal.CANCELLED, signIn.finish(null, state, "access_denied", state).refusal());
    }

    @Test
    void aTokenForAnotherSignInIsRefused() throws Exception {
        String first = departWithGroups(List.of("staff"));
        String second = departWithGroups(List.of("staff"));
        // The provider answers the second sign-in's token (its nonce) to the first sign-in.
        assertEquals(SignInRefusal.FAILED, signIn.finish("the-code", first, null, first).refusal());
        assertTrue(signIn.finish("the-code", second, null, second).session().isPresent());
    }

    @Test
    void aDisabledUserIsRefused() throws Exception {
        String state = departWithGroups(List.of("voice-admins"));
        sessions.disabled = true;
        assertEquals(SignInRefusal.DISABLED, signIn.finish("the-code", state, null, state).refusal());
    }

    private final class FakeProvider extends OidcProvider {
        String idToken;
        String redeemedCode;
        String redeemedVerifier;

        @Override
        public URI authorizationRequest(URI redirectUri, String state, String nonce, String codeChallenge) {
            return URI.create(ISSUER + "/authorize?state=" + state);
        }

        @Override
        public String redeem(String code, String codeVerifier, URI redirectUri) {
            redeemedCode = code;
            redeemedVerifier = codeVerifier;
            return idToken;
        }

        @Override
        public IdTokenVerifier verifier() {
            return new IdTokenVerifier(ISSUER, CLIENT, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), List.of("RS256"), "groups");
        }
    }

    private static final class FakeSessions extends PortalSessions {
        final Map<String, SignInAttempt> attempts = new HashMap<>();
        private final Map<String, String> verifiers = new HashMap<>();
        CompanyIdentity openedFor;
        boolean disabled;

        String verifierOf(String state) {
            return verifiers.get(state);
        }

        @Override
        public void startAttempt(String state, String nonce, String codeVerifier, String redirectUri, Duration maxAge) {
            attempts.put(state, new SignInAttempt("hash", nonce, codeVerifier, redirectUri));
            verifiers.put(state, codeVerifier);
        }

        @Override
        public Optional<SignInAttempt> takeAttempt(String state, Duration maxAge) {
            return Optional.ofNullable(attempts.remove(state));
        }

        @Override
        public Optional<OpenedSession> open(CompanyIdentity identity, Role role, Duration lifetime) {
            if (disabled) {
                return Optional.empty();
            }
            openedFor = identity;
            return Optional.of(new OpenedSession("token", new Caller(UUID.randomUUID(), identity.displayName(), role),
                    OffsetDateTime.now().plus(lifetime)));
        }
    }
}
