package com.voxclone.account.control;

import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The company identity provider as the server talks to it: discovery, the authorization request, redeeming a code
 * for the ID token, and its sign-out address. The discovery document and the key set are fetched on first use and
 * kept (keys are fetched again when a token is signed with an unknown one).
 */
@ApplicationScoped
public class OidcProvider {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int JWKS_TIMEOUT_MS = 10_000;
    private static final int JWKS_SIZE_LIMIT = 512 * 1024;

    @Inject
    OidcSettings settings;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile Discovered discovered;

    private record Discovered(ProviderMetadata metadata, IdTokenVerifier verifier) {
    }

    /** The provider could not be reached or answered something unusable; the reason is safe to log. */
    public static class ProviderUnavailableException extends Exception {
        public ProviderUnavailableException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    public ProviderMetadata metadata() throws ProviderUnavailableException {
        return discover().metadata();
    }

    public IdTokenVerifier verifier() throws ProviderUnavailableException {
        return discover().verifier();
    }

    /** Where to send the browser to sign in: Authorization Code flow with state, nonce and a PKCE challenge. */
    public URI authorizationRequest(URI redirectUri, String state, String nonce, String codeChallenge) throws ProviderUnavailableException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", settings.scopes());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", Pkce.METHOD);
        return withQuery(metadata().authorizationEndpoint(), query);
    }

    /** Redeems an authorization code at the token endpoint and returns the ID token (not yet verified). */
    public String redeem(String code, String codeVerifier, URI redirectUri) throws ProviderUnavailableException {
        ProviderMetadata metadata = metadata();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", codeVerifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(metadata.tokenEndpoint()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        Optional<String> secret = settings.clientSecret();
        if (secret.isPresent() && !metadata.tokenAuthMethods().contains("client_secret_basic")
                && metadata.tokenAuthMethods().contains("client_secret_post")) {
            form.put("client_id", settings.clientId());
            form.put("client_secret", secret.get());
        } else if (secret.isPresent()) {
            // RFC 6749, 2.3.1: both parts are form-encoded before they are joined.
            String credentials = encode(settings.clientId()) + ":" + encode(secret.get());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", settings.clientId());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProviderUnavailableException("the token endpoint could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted while redeeming the code", e);
        }
        JsonObject body = json(response.body());
        if (response.statusCode() != 200) {
            // Only the error code: the body of an error answer may echo what was sent.
            throw new ProviderUnavailableException("the token endpoint answered " + response.statusCode() + " "
                    + (body == null ? "" : body.getString("error", "")), null);
        }
        String idToken = body == null ? null : body.getString("id_token", null);
        if (idToken == null || idToken.isBlank()) {
            throw new ProviderUnavailableException("the token endpoint answered without an ID token", null);
        }
        return idToken;
    }

    /** The provider's own sign-out, returning to {@code afterwards}; empty when it publishes no end_session_endpoint. */
    public Optional<URI> endSession(URI afterwards) {
        Discovered known = discovered;
        if (known == null || known.metadata().endSessionEndpoint().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> query = new LinkedHashMap<>();
        // RP-Initiated Logout 1.0: client_id instead of id_token_hint, so no ID token has to be kept or sent.
        query.put("client_id", settings.clientId());
        query.put("post_logout_redirect_uri", afterwards.toString());
        return Optional.of(withQuery(known.metadata().endSessionEndpoint().get(), query));
    }

    private Discovered discover() throws ProviderUnavailableException {
        Discovered known = discovered;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (discovered == null) {
                discovered = fetchDiscovery();
            }
            return discovered;
        }
    }

    private Discovered fetchDiscovery() throws ProviderUnavailableException {
        String issuer = settings.issuer();
        URI document = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(document).timeout(TIMEOUT)
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            JsonObject body = json(response.body());
            if (response.statusCode() != 200 || body == null) {
                throw new ProviderUnavailableException(document + " answered " + response.statusCode(), null);
            }
            ProviderMetadata metadata = ProviderMetadata.from(body, issuer);
            var keys = JWKSourceBuilder.create(metadata.jwksUri().toURL(),
                    new DefaultResourceRetriever(JWKS_TIMEOUT_MS, JWKS_TIMEOUT_MS, JWKS_SIZE_LIMIT)).build();
            return new Discovered(metadata, new IdTokenVerifier(metadata.issuer(), settings.clientId(), keys,
                    metadata.idTokenAlgorithms(), settings.groupsClaim()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ProviderUnavailableException("discovery at " + document + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted during discovery", e);
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    static URI withQuery(URI endpoint, Map<String, String> parameters) {
        String query = formBody(parameters);
        String base = endpoint.toString();
        return URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + query);
    }

    private static String formBody(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
