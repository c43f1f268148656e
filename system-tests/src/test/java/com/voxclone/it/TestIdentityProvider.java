package com.voxclone.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenID provider for the tests, on a free loopback port: discovery, a key set, an authorization page where
 * a person types a user name, a token endpoint that checks the client secret, the redirect URI and the PKCE
 * verifier and answers an RS256-signed ID token with the person's groups, and an end-session page. It is strict
 * where a real provider is strict, so a client that skips a step fails here too.
 */
public final class TestIdentityProvider implements AutoCloseable {

    public static final String CLIENT_ID = "voxclone-portal";
    public static final String CLIENT_SECRET = "system-test-client-secret";
    private static final String CALLBACK_PATH = "/api/auth/oidc/callback";

    /** A person known to the provider. */
    public record Account(String username, String name, List<String> groups) {
    }

    private record Grant(Account account, String redirectUri, String nonce, String codeChallenge, Instant expires) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final RSAKey key;
    private final String issuer;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final AtomicInteger endedSessions = new AtomicInteger();

    private TestIdentityProvider() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("test-key-" + UUID.randomUUID()).generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/staff";
        server.createContext("/realms/staff/.well-known/openid-configuration", this::discovery);
        server.createContext("/realms/staff/jwks", this::keys);
        server.createContext("/realms/staff/authorize", this::authorize);
        server.createContext("/realms/staff/token", this::token);
        server.createContext("/realms/staff/logout", this::logout);
        server.createContext("/favicon.ico", exchange -> send(exchange, 204, "text/plain", ""));
        server.setExecutor(executor);
    }

    public static TestIdentityProvider start() throws IOException {
        try {
            TestIdentityProvider provider = new TestIdentityProvider();
            provider.server.start();
            return provider;
        } catch (JOSEException e) {
            throw new IllegalStateException("could not make the provider's signing key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public void addAccount(String username, String name, List<String> groups) {
        accounts.put(username, new Account(username, name, List.copyOf(groups)));
    }

    /** Authorization codes and ID tokens handed out so far, to check that none of them reached a log. */
    public List<String> issuedSecrets() {
        return List.copyOf(issued);
    }

    /** How often a client sent someone to the end-session page. */
    public int endedSessions() {
        return endedSessions.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String body = Json.createObjectBuilder()
                .add("issuer", issuer)
                .add("authorization_endpoint", issuer + "/authorize")
                .add("token_endpoint", issuer + "/token")
                .add("jwks_uri", issuer + "/jwks")
                .add("end_session_endpoint", issuer + "/logout")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
                .add("token_endpoint_auth_methods_supported", Json.createArrayBuilder().add("client_secret_basic"))
                .add("code_challenge_methods_supported", Json.createArrayBuilder().add("S256"))
                .build().toString();
        send(exchange, 200, "application/json", body);
    }

    private void keys(HttpExchange exchange) throws IOException {
        send(exchange, 200, "application/json", new JWKSet(key.toPublicJWK()).toString());
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> p = "POST".equals(exchange.getRequestMethod()) ? form(exchange) : query(exchange.getRequestURI());
        String redirectUri = p.getOrDefault("redirect_uri", "");
        URI redirect = URI.create(redirectUri);
        // Only a registered client and redirect URI; the portal may run on any loopback port.
        if (!CLIENT_ID.equals(p.get("client_id")) || !"127.0.0.1".equals(redirect.getHost()) || !CALLBACK_PATH.equals(redirect.getPath())) {
            send(exchange, 400, "text/plain", "unknown client or redirect URI");
            return;
        }
        if ("GET".equals(exchange.getRequestMethod())) {
            boolean complete = "code".equals(p.get("response_type")) && "S256".equals(p.get("code_challenge_method"))
                    && present(p.get("code_challenge")) && present(p.get("state")) && present(p.get("nonce"))
                    && List.of(p.getOrDefault("scope", "").split(" ")).contains("openid");
            if (!complete) {
                redirect(exchange, redirectUri + "?error=invalid_request&state=" + encode(p.getOrDefault("state", "")));
                return;
            }
            send(exchange, 200, "text/html; charset=utf-8", page(p, null));
            return;
        }
        if ("cancel".equals(p.get("action"))) {
            redirect(exchange, redirectUri + "?error=access_denied&state=" + encode(p.get("state")));
            return;
        }
        Account account = accounts.get(p.getOrDefault("username", "").strip());
        if (account == null) {
            send(exchange, 200, "text/html; charset=utf-8", page(p, "Unknown user name."));
            return;
        }
        String code = UUID.randomUUID().toString();
        issued.add(code);
        grants.put(code, new Grant(account, redirectUri, p.get("nonce"), p.get("code_challenge"), Instant.now().plusSeconds(60)));
        redirect(exchange, redirectUri + "?code=" + encode(code) + "&state=" + encode(p.get("state")));
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> p = form(exchange);
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = p.get("code") == null ? null : grants.remove(p.get("code"));
        boolean valid = grant != null && "authorization_code".equals(p.get("grant_type")) && grant.expires().isAfter(Instant.now())
                && grant.redirectUri().equals(p.get("redirect_uri")) && grant.codeChallenge().equals(challenge(p.get("code_verifier")));
        if (!valid) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("subject-" + grant.account().username())
                .audience(CLIENT_ID).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", grant.nonce()).claim("name", grant.account().name())
                .claim("preferred_username", grant.account().username()).claim("groups", grant.account().groups()).build();
        SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            idToken.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IOException("could not sign the ID token", e);
        }
        String serialized = idToken.serialize();
        issued.add(serialized);
        send(exchange, 200, "application/json", Json.createObjectBuilder().add("access_token", UUID.randomUUID().toString())
                .add("token_type", "Bearer").add("expires_in", 300).add("id_token", serialized).build().toString());
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> p = query(exchange.getRequestURI());
        URI back = URI.create(p.getOrDefault("post_logout_redirect_uri", ""));
        if (!CLIENT_ID.equals(p.get("client_id")) || !"127.0.0.1".equals(back.getHost())) {
            send(exchange, 400, "text/plain", "unknown client or return address");
            return;
        }
        endedSessions.incrementAndGet();
        redirect(exchange, back.toString());
    }

    private static String page(Map<String, String> p, String error) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "state", "nonce", "code_challenge")) {
            hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(html(p.get(name))).append("\">");
        }
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Company sign-in</title>"
                + "<link rel=\"icon\" href=\"data:,\"></head><body><h1>Company sign-in</h1>"
                + (error == null ? "" : "<p role=\"alert\">" + html(error) + "</p>")
                + "<form method=\"post\">" + hidden
                + "<label for=\"username\">User name</label> <input id=\"username\" name=\"username\" autocomplete=\"off\">"
                + " <button type=\"submit\" name=\"action\" value=\"sign-in\" id=\"provider-sign-in\">Sign in</button>"
                + " <button type=\"submit\" name=\"action\" value=\"cancel\" id=\"provider-cancel\">Cancel</button>"
                + "</form></body></html>";
    }

    private static String challenge(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String html(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
