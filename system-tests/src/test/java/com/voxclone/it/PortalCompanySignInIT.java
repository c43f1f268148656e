package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Signing in with a company account in a real browser, through the test's own OpenID provider: the groups decide
 * the role (and are read again on every sign-in), people in no mapped group are turned away, sign-out ends the
 * session here and at the provider, and the session cannot be used for changes without the portal's header.
 */
@Order(14)
@ExtendWith(SharedStack.class)
class PortalCompanySignInIT {

    private static final String SESSION_COOKIE = "voxclone_session";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final TestIdentityProvider provider = SharedStack.identityProvider();
    private final URI portal = SharedStack.stack().baseUri();
    private PortalBrowser browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = new PortalBrowser("company-sign-in");
    }

    @AfterEach
    void closeBrowser() throws Exception {
        browser.close();
    }

    @Test
    void anAdministratorSeesTheConsoleAndSignsOutHereAndAtTheProvider() throws Exception {
        provider.addAccount("ada", "Ada Admin", List.of("staff", SharedStack.ADMIN_GROUP));
        signInWithCompanyAccount("ada");
        browser.awaitText(By.id("who"), "Ada Admin (admin)");
        assertTrue(browser.driver().findElement(By.id("nav-admin")).isDisplayed(), "admins see the administration link");
        browser.open("#/admin");
        browser.awaitText(By.cssSelector(".health"), "Ready");
        browser.screenshot("admin-console");
        assertNoSecretInTheAddress();

        Cookie cookie = browser.driver().manage().getCookieNamed(SESSION_COOKIE);
        assertNotNull(cookie, "the session cookie is set");
        assertTrue(cookie.isHttpOnly(), "scripts cannot read the session cookie");
        assertEquals("Strict", cookie.getSameSite());
        String session = cookie.getValue();
        assertEquals("admin", json(send("GET", "/api/public/account", session, null, null)).getString("role"));

        // Changes with the session need the portal's header and, when named, the portal's own origin.
        String users = "/api/admin/users";
        String body = "{\"name\":\"Made with a forged request\"}";
        assertEquals(403, send("POST", users, session, null, null, body).statusCode(), "no portal header");
        assertEquals(403, send("POST", users, session, "portal", "http://evil.example", body).statusCode(), "another origin");
        assertFalse(send("GET", users, session, null, null).body().contains("Made with a forged request"));
        assertEquals(201, send("POST", users, session, "portal", origin(), "{\"name\":\"Made from the portal\"}").statusCode());

        int endedBefore = provider.endedSessions();
        browser.click(By.id("sign-out"));
        browser.awaitText(By.cssSelector("#main .message.info"), "You are signed out.");
        browser.await(By.id("company-sign-in"));
        assertEquals(endedBefore + 1, provider.endedSessions(), "the provider's session is ended too");
        assertEquals(401, send("GET", "/api/public/account", session, null, null).statusCode(), "the session is over on the server");
        browser.screenshot("signed-out");

        String log = SharedStack.stack().logText();
        for (String secret : provider.issuedSecrets()) {
            assertFalse(log.contains(secret), "a code or ID token reached the server log");
        }
        assertFalse(log.contains(session), "the session token reached the server log");
        browser.assertNoConsoleErrors();
    }

    @Test
    void aUserHasNoConsoleAndTheRoleFollowsTheGroupsOnEverySignIn() throws Exception {
        provider.addAccount("uma", "Uma User", List.of("staff"));
        signInWithCompanyAccount("uma");
        browser.awaitText(By.id("who"), "Uma User (user)");
        assertFalse(browser.driver().findElement(By.id("nav-admin")).isDisplayed(), "users see no administration link");
        browser.open("#/admin");
        browser.awaitStep(1);
        assertTrue(browser.driver().findElements(By.cssSelector(".health")).isEmpty(), "the console is not shown to users");
        String session = browser.driver().manage().getCookieNamed(SESSION_COOKIE).getValue();
        assertEquals(403, send("GET", "/api/admin/users", session, null, null).statusCode());
        String userId = json(send("GET", "/api/public/account", session, null, null)).getString("userId");
        browser.screenshot("user");

        browser.click(By.id("sign-out"));
        browser.awaitText(By.cssSelector("#main .message.info"), "You are signed out.");
        provider.addAccount("uma", "Uma Admin", List.of(SharedStack.ADMIN_GROUP));
        signInWithCompanyAccount("uma");
        browser.awaitText(By.id("who"), "Uma Admin (admin)");
        JsonObject again = json(send("GET", "/api/public/account", browser.driver().manage().getCookieNamed(SESSION_COOKIE).getValue(), null, null));
        assertEquals(userId, again.getString("userId"), "the same account is found again by issuer and subject");
        assertEquals("admin", again.getString("role"));
        // Both changes came from the identity provider, not from an administrator: the audit trail has them.
        var trail = SharedStack.api().get("/api/admin/audit?userId=" + userId, VoxCloneStack.ADMIN_KEY);
        assertEquals(200, trail.statusCode(), trail.body());
        var actions = Api.parseStructure(trail.body()).asJsonArray().stream().map(e -> e.asJsonObject().getString("action")).toList();
        assertEquals(List.of("user.role-changed", "user.created"), actions, trail.body());
        assertTrue(trail.body().contains("role user -> admin"), trail.body());
        browser.assertNoConsoleErrors();
    }

    @Test
    void someoneInNoMappedGroupIsTurnedAway() throws Exception {
        provider.addAccount("nora", "Nora Outsider", List.of("marketing"));
        signInWithCompanyAccount("nora");
        browser.awaitText(By.cssSelector("#main .message.error"), "not in a group that may use VoxClone");
        assertNull(browser.driver().manage().getCookieNamed(SESSION_COOKIE), "no session was opened");
        assertFalse(browser.driver().findElement(By.id("sign-out")).isDisplayed());
        assertFalse(browser.driver().getCurrentUrl().contains("sign-in-error"), "the portal tidies its address");
        assertNoSecretInTheAddress();
        browser.screenshot("no-group");
        browser.assertReadableContrast("the sign-in page with a refusal");
        assertEquals(401, SharedStack.api().get("/api/public/account", null).statusCode());
        browser.assertNoConsoleErrors();
    }

    @Test
    void cancellingAtTheProviderSaysSo() throws Exception {
        browser.open("");
        browser.click(By.id("company-sign-in"));
        browser.click(By.id("provider-cancel"));
        browser.awaitText(By.cssSelector("#main .message.error"), "was cancelled");
        browser.await(By.id("api-key"));
        browser.assertNoConsoleErrors();
    }

    /** From the portal's sign-in page through the provider's page back to the signed-in portal (or its refusal). */
    private void signInWithCompanyAccount(String username) {
        browser.open("");
        browser.click(By.id("company-sign-in"));
        browser.type(By.id("username"), username);
        browser.click(By.id("provider-sign-in"));
        browser.waitUntil(d -> d.getCurrentUrl().startsWith(portal.toString()) && !d.getCurrentUrl().contains("/api/"));
    }

    private void assertNoSecretInTheAddress() {
        String address = browser.driver().getCurrentUrl();
        assertFalse(address.contains("code=") || address.contains("state=") || address.contains("token"), address);
    }

    private String origin() {
        return "http://" + portal.getRawAuthority();
    }

    private HttpResponse<String> send(String method, String path, String session, String client, String origin) throws Exception {
        return send(method, path, session, client, origin, null);
    }

    private HttpResponse<String> send(String method, String path, String session, String client, String origin, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(portal.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", SESSION_COOKIE + "=" + session)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (client != null) {
            request.header("X-VoxClone-Client", client);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
