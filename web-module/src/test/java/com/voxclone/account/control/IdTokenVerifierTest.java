package com.voxclone.account.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.voxclone.account.control.IdTokenVerifier.InvalidIdTokenException;
import com.voxclone.account.control.IdTokenVerifier.VerifiedIdToken;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdTokenVerifierTest {

    private static final String ISSUER = "https://login.example.com/realms/staff";
    private static final String CLIENT = "voxclone";
    private static final String NONCE = "n-0S6_WzA2Mj";
    private static RSAKey providerKey;
    private static RSAKey strangerKey;

    @BeforeAll
    static void keys() throws JOSEException {
        providerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
    }

    private static IdTokenVerifier verifier(String groupsClaim) {
        return new IdTokenVerifier(ISSUER, CLIENT, new ImmutableJWKSet<>(new JWKSet(providerKey.toPublicJWK())),
                List.of("RS256", "HS256", "none"), groupsClaim);
    }

    private static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("248289761001").audience(CLIENT)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", NONCE).claim("name", "Jane Doe").claim("groups", List.of("staff", "voice-admins"));
    }

    private static String signed(JWTClaimsSet claims, RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String signedWith(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return signed(change.apply(validClaims()).build(), providerKey);
    }

    private static void assertRefused(String token) {
        assertThrows(InvalidIdTokenException.class, () -> verifier("groups").verify(token, NONCE));
    }

    @Test
    void aValidTokenGivesTheIdentityAndGroups() throws Exception {
        VerifiedIdToken verified = verifier("groups").verify(signedWith(c -> c), NONCE);
        assertEquals(ISSUER, verified.identity().issuer());
        assertEquals("248289761001", verified.identity().subject());
        assertEquals("Jane Doe", verified.identity().displayName());
        assertEquals(List.of("staff", "voice-admins"), verified.groups());
    }

    @Test
    void anotherIssuerIsRefused() throws Exception {
        assertRefused(signedWith(c -> c.issuer("https://evil.example.com")));
    }

    @Test
    void anotherAudienceIsRefused() throws Exception {
        assertRefused(signedWith(c -> c.audience("another-client")));
    }

    @Test
    void severalAudiencesNeedThisClientAsAuthorizedParty() throws Exception {
        assertRefused(signedWith(c -> c.audience(List.of(CLIENT, "another-client"))));
        assertRefused(signedWith(c -> c.audience(List.of(CLIENT, "another-client")).claim("azp", "another-client")));
        verifier("groups").verify(signedWith(c -> c.audience(List.of(CLIENT, "another-client")).claim("azp", CLIENT)), NONCE);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minusSeconds(3600);
        assertRefused(signedWith(c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300)))));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        assertRefused(signedWith(c -> c.expirationTime(null)));
    }

    @Test
    void theNonceMustBeTheOneThisSignInSent() throws Exception {
        assertThrows(InvalidIdTokenException.class, () -> verifier("groups").verify(signedWith(c -> c), "another-nonce"));
        assertRefused(signedWith(c -> c.claim("nonce", null)));
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        assertRefused(signed(validClaims().build(), strangerKey));
    }

    @Test
    void unsignedAndSharedSecretTokensAreRefusedEvenWhenTheProviderAnnouncesThem() throws Exception {
        assertRefused(new PlainJWT(validClaims().build()).serialize());
        SignedJWT mac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), validClaims().build());
        mac.sign(new MACSigner(new byte[32]));
        assertRefused(mac.serialize());
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        String[] parts = signedWith(c -> c).split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                validClaims().claim("groups", List.of("voice-admins", "root")).build().toString().getBytes());
        assertRefused(parts[0] + "." + forged + "." + parts[2]);
        assertRefused("not a token");
    }

    @Test
    void aProviderWithoutAcceptableAlgorithmsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new IdTokenVerifier(ISSUER, CLIENT,
                new ImmutableJWKSet<>(new JWKSet(providerKey.toPublicJWK())), List.of("HS256", "none"), "groups"));
    }

    @Test
    void groupsMayBeASingleNameNestedOrAbsent() throws Exception {
        assertEquals(List.of("staff"), verifier("groups").verify(signedWith(c -> c.claim("groups", "staff")), NONCE).groups());
        assertEquals(List.of("voice-users"), verifier("realm_access.roles").verify(
                signedWith(c -> c.claim("realm_access", Map.of("roles", List.of("voice-users")))), NONCE).groups());
        assertEquals(List.of(), verifier("groups").verify(signedWith(c -> c.claim("groups", null)), NONCE).groups());
    }

    @Test
    void theNameFallsBackToTheUserNameThenTheSubject() throws Exception {
        assertEquals("jdoe", verifier("groups").verify(signedWith(c -> c.claim("name", null).claim("preferred_username", "jdoe")), NONCE)
                .identity().displayName());
        assertEquals("248289761001", verifier("groups").verify(signedWith(c -> c.claim("name", null)), NONCE).identity().displayName());
    }

    @Test
    void theReasonNeverQuotesTheToken() throws Exception {
        String token = signedWith(c -> c.audience("another-client"));
        InvalidIdTokenException e = assertThrows(InvalidIdTokenException.class, () -> verifier("groups").verify(token, NONCE));
        assertTrue(!e.getMessage().contains(token.split("\\.")[1]), e.getMessage());
    }
}
