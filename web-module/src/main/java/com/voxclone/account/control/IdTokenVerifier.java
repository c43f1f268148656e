package com.voxclone.account.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.voxclone.account.entity.CompanyIdentity;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an ID token as OpenID Connect Core 1.0 (section 3.1.3.7) asks: signed with one of the provider's keys
 * by an asymmetric algorithm the provider announced (never {@code none}, never a shared-secret MAC), issued by the
 * configured issuer for this client, not expired, and carrying the nonce this sign-in sent. Then reads who signed
 * in and their groups.
 */
public class IdTokenVerifier {

    /** Algorithms checked with the provider's public keys; what a provider announces beyond these is not accepted. */
    static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    private static final int CLOCK_SKEW_SECONDS = 60;

    private final String issuer;
    private final String clientId;
    private final String groupsClaim;
    private final JWKSource<SecurityContext> keys;
    private final Set<JWSAlgorithm> algorithms;

    /**
     * @param announcedAlgorithms the provider's {@code id_token_signing_alg_values_supported}
     * @param groupsClaim         the claim with the groups; a dotted name reads into nested objects
     *                            (e.g. {@code realm_access.roles})
     */
    public IdTokenVerifier(String issuer, String clientId, JWKSource<SecurityContext> keys, Collection<String> announcedAlgorithms,
                           String groupsClaim) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.keys = keys;
        this.groupsClaim = groupsClaim;
        this.algorithms = announcedAlgorithms.stream().map(JWSAlgorithm::parse).filter(ASYMMETRIC::contains)
                .collect(Collectors.toUnmodifiableSet());
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("the identity provider announces no ID token signature algorithm that VoxClone accepts "
                    + "(" + ASYMMETRIC.stream().map(JWSAlgorithm::getName).sorted().collect(Collectors.joining(", ")) + ")");
        }
    }

    /** The signed-in person and their groups. */
    public record VerifiedIdToken(CompanyIdentity identity, List<String> groups) {
    }

    /**
     * @throws InvalidIdTokenException with a reason that is safe to log (it never contains the token)
     */
    public VerifiedIdToken verify(String idToken, String expectedNonce) throws InvalidIdTokenException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        // A mutable set: the verifier asks it whether it contains null, which immutable sets answer with an exception.
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(new HashSet<>(List.of(clientId)),
                new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", expectedNonce).build(),
                Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.ISSUED_AT, JWTClaimNames.EXPIRATION_TIME), null);
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        JWTClaimsSet set;
        try {
            set = processor.process(idToken, null);
        } catch (ParseException e) {
            throw new InvalidIdTokenException("the ID token is not a signed JWT");
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidIdTokenException(e.getMessage());
        }
        List<String> audience = set.getAudience();
        // With several audiences the token must say it was issued to this client (Core 1.0, 3.1.3.7 items 4 and 5).
        if (audience.size() > 1 && !clientId.equals(stringClaim(set, "azp"))) {
            throw new InvalidIdTokenException("the ID token has several audiences and its authorized party is not this client");
        }
        String name = firstPresent(stringClaim(set, "name"), stringClaim(set, "preferred_username"), stringClaim(set, "email"));
        return new VerifiedIdToken(new CompanyIdentity(set.getIssuer(), set.getSubject(), name), groups(set.getClaims()));
    }

    /** The groups claim: a list of names or a single name; absent means no groups. */
    List<String> groups(Map<String, Object> claims) {
        Object value = claims;
        for (String part : groupsClaim.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof Collection<?> many) {
            return many.stream().filter(String.class::isInstance).map(String.class::cast)
                    .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        }
        return List.of();
    }

    private static String stringClaim(JWTClaimsSet set, String name) {
        Object value = set.getClaim(name);
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static String firstPresent(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** An ID token that was not accepted; the message says why without quoting the token. */
    public static class InvalidIdTokenException extends Exception {
        public InvalidIdTokenException(String reason) {
            super(reason);
        }
    }
}
