package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The security headers on the portal and the API (content security policy, no framing, no sniffing, no referrer),
 * and the portal working in a real browser under its policy.
 */
@Order(9)
@ExtendWith(SharedStack.class)
class SecurityHeadersIT {

    private static final String PORTAL_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Collects every content security policy violation of the page, installed before the page's own scripts run. */
    private static final String VIOLATION_RECORDER = """
            window.policyViolations = [];
            document.addEventListener('securitypolicyviolation', (e) =>
              window.policyViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code')));
            """;

    private final Api api = SharedStack.api();

    @Test
    void thePortalAndItsFilesCarryThePortalPolicy() throws Exception {
        for (String path : List.of("/", "/app/main.js", "/app/styles.css")) {
            HttpResponse<String> r = api.get(path, null);
            assertEquals(200, r.statusCode(), path);
            assertCommonHeaders(path, r.headers());
            assertEquals(PORTAL_POLICY, policy(r.headers()), path);
        }
    }

    @Test
    void apiResponsesMayLoadNothing() throws Exception {
        String key = api.createUser("Header user");
        HttpResponse<String> options = api.get("/api/auth/options", null);
        assertEquals(200, options.statusCode(), options.body());
        assertTrue(options.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertResourcePolicy("/api/auth/options", options.headers());

        HttpResponse<String> missing = api.get("/api/public/voice/voices/voice_does-not-exist", key);
        assertEquals(404, missing.statusCode(), missing.body());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertResourcePolicy("a problem", missing.headers());

        HttpResponse<byte[]> audio = api.getBytes(recordingOfNewJob(key), key);
        assertEquals(200, audio.statusCode());
        assertTrue(audio.headers().firstValue("Content-Type").orElse("").startsWith("audio/"));
        assertResourcePolicy("an audio file", audio.headers());
    }

    @Test
    void thePortalRunsUnderItsPolicyWithoutViolations() throws Exception {
        String key = api.createUser("Policy user");
        try (PortalBrowser browser = new PortalBrowser("security-headers-portal")) {
            browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATION_RECORDER));
            browser.open("");
            browser.await(By.id("api-key"));
            browser.screenshot("sign-in");
            assertNoViolations(browser, "the sign-in page");

            browser.signIn(key);
            browser.awaitStep(1);
            browser.next();
            browser.awaitStep(2);
            browser.type(By.id("voice-name"), "Policy voice");
            browser.driver().findElement(By.id("recording-file"))
                    .sendKeys(Media.file("policy-recording", MediaType.WAV, Media.speech()).toAbsolutePath().toString());
            browser.awaitText(By.cssSelector(".message.success"), "Ready.");
            browser.next();
            browser.awaitStep(3);
            browser.await(By.cssSelector("canvas.waveform"));
            // The recording's player reads the chosen file from a blob: address.
            browser.waitUntil(d -> ((Number) browser.driver().executeScript(
                    "return document.querySelector('audio')?.readyState || 0;")).intValue() >= 1);
            browser.screenshot("content");
            browser.open("#/voices");
            browser.awaitText(By.id("main"), "My voices");
            assertNoViolations(browser, "the wizard and the voice library");
            browser.assertNoConsoleErrors();

            // The policy is in force: a picture from elsewhere is refused.
            browser.driver().executeScript("document.body.append(Object.assign(new Image(), {src: 'https://media.example.com/thumb.jpg'}));");
            browser.waitUntil(d -> !violations(browser).isEmpty());
            assertTrue(violations(browser).get(0).startsWith("img-src"), violations(browser).toString());
        }
    }

    @Test
    void anAudioFileOpenedInTheBrowserStillPlays() throws Exception {
        String key = api.createUser("Listening user");
        String recording = recordingOfNewJob(key);
        try (PortalBrowser browser = new PortalBrowser("security-headers-audio")) {
            browser.driver().executeCdpCommand("Network.enable", Map.of());
            browser.driver().executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Bearer " + key)));
            browser.open(recording.substring(1));
            // The browser's own player: a video element in a page of its making, loading the file itself.
            browser.waitUntil(d -> ((Number) browser.driver().executeScript(
                    "return document.querySelector('video')?.readyState || 0;")).intValue() >= 1);
            browser.assertNoConsoleErrors();
        }
    }

    /** Submits a job and returns the address of its stored recording. */
    private String recordingOfNewJob(String key) throws Exception {
        HttpResponse<String> accepted = api.upload(key, Map.of("voiceName", "Header voice", "testText", "Headers."),
                Media.file("header-recording", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        return Api.ONBOARDING + "/jobs/" + json(accepted).getString("jobId") + "/audio";
    }

    private static void assertResourcePolicy(String what, HttpHeaders headers) {
        assertCommonHeaders(what, headers);
        String policy = policy(headers);
        assertTrue(policy.startsWith("default-src 'none'"), what + ": " + policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), what + ": " + policy);
    }

    private static void assertCommonHeaders(String what, HttpHeaders headers) {
        assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null), what);
        assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null), what);
        assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(null), what);
    }

    private static String policy(HttpHeaders headers) {
        List<String> policies = headers.allValues("Content-Security-Policy");
        assertEquals(1, policies.size(), "one content security policy, was " + policies);
        return policies.get(0);
    }

    private static void assertNoViolations(PortalBrowser browser, String where) {
        assertEquals(List.of(), violations(browser), "content security policy violations on " + where);
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(PortalBrowser browser) {
        return (List<String>) browser.driver().executeScript("return window.policyViolations || [];");
    }
}
