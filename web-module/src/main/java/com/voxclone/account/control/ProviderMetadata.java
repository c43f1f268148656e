package com.voxclone.account.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What the identity provider publishes at {@code /.well-known/openid-configuration}, as far as the sign-in uses it.
 *
 * @param idTokenAlgorithms       {@code id_token_signing_alg_values_supported}
 * @param tokenAuthMethods        {@code token_endpoint_auth_methods_supported} (default: client_secret_basic)
 * @param codeChallengeMethods    {@code code_challenge_methods_supported}; empty when the provider does not say
 * @param endSessionEndpoint      where to end the provider's own session on sign-out, when it has one
 */
public record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
                               List<String> idTokenAlgorithms, List<String> tokenAuthMethods,
                               List<String> codeChallengeMethods, Optional<URI> endSessionEndpoint) {

    /**
     * Reads the discovery document and checks that it describes {@code expectedIssuer} (OpenID Connect Discovery
     * 1.0, section 4.3: the issuer must be exactly the one configured).
     *
     * @throws IllegalArgumentException when a required member is missing or the issuer differs
     */
    public static ProviderMetadata from(JsonObject document, String expectedIssuer) {
        String issuer = required(document, "issuer");
        if (!issuer.equals(expectedIssuer)) {
            throw new IllegalArgumentException("the discovery document names the issuer '" + issuer + "', not the configured '"
                    + expectedIssuer + "'");
        }
        return new ProviderMetadata(issuer,
                URI.create(required(document, "authorization_endpoint")),
                URI.create(required(document, "token_endpoint")),
                URI.create(required(document, "jwks_uri")),
                strings(document, "id_token_signing_alg_values_supported", List.of("RS256")),
                strings(document, "token_endpoint_auth_methods_supported", List.of("client_secret_basic")),
                strings(document, "code_challenge_methods_supported", List.of()),
                Optional.ofNullable(document.getString("end_session_endpoint", null)).filter(s -> !s.isBlank()).map(URI::create));
    }

    private static String required(JsonObject document, String name) {
        String value = document.getString(name, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the discovery document has no '" + name + "'");
        }
        return value;
    }

    private static List<String> strings(JsonObject document, String name, List<String> absent) {
        JsonValue value = document.get(name);
        if (!(value instanceof JsonArray array)) {
            return absent;
        }
        return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
    }
}
