package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static com.voxclone.it.UploadValidationIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.entity.MediaType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Importing a voice from a URL served by a local test server. The shared stack refuses such an address (server-side
 * request forgery protection); a second stack started with the test setting that allows private addresses imports it
 * through the wizard in a real browser.
 */
@Order(13)
@ExtendWith(SharedStack.class)
class PortalImportIT {

    private static HttpServer media;
    private static String mediaUrl;
    private static String feedUrl;
    private static final CountDownLatch stalledRequests = new CountDownLatch(2);
    private static final CountDownLatch releaseStalled = new CountDownLatch(1);

    @BeforeAll
    static void serveMedia() throws Exception {
        byte[] wav = Files.readAllBytes(Media.file("import-source", MediaType.WAV, Media.speech()));
        media = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        media.createContext("/talks/reading.wav", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "audio/wav");
            exchange.sendResponseHeaders(200, wav.length);
            exchange.getResponseBody().write(wav);
            exchange.close();
        });
        media.createContext("/latest", exchange -> {
            exchange.getResponseHeaders().add("Location", "/talks/reading.wav");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        // A podcast feed with two episodes (the same reading twice) and an attachment that is not media.
        byte[] feed = ("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
                + "<channel><title>Readings</title>"
                + "<item><title>Reading, part one</title><enclosure url=\"/talks/reading.wav\" type=\"audio/wav\"/>"
                + "<itunes:duration>0:09</itunes:duration></item>"
                + "<item><title>Handout</title><enclosure url=\"/talks/handout.pdf\" type=\"application/pdf\"/></item>"
                + "<item><title>Reading, part two</title><enclosure url=\"/latest\" type=\"audio/wav\"/></item>"
                + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
        media.createContext("/feeds/readings.rss", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, feed.length);
            exchange.getResponseBody().write(feed);
            exchange.close();
        });
        // Holds its answer until the test lets it go: imports that stay busy for as long as the test needs.
        media.createContext("/stalled.wav", exchange -> {
            stalledRequests.countDown();
            try {
                releaseStalled.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "audio/wav");
            exchange.sendResponseHeaders(200, wav.length);
            exchange.getResponseBody().write(wav);
            exchange.close();
        });
        media.setExecutor(Executors.newCachedThreadPool());
        media.start();
        mediaUrl = "http://127.0.0.1:" + media.getAddress().getPort() + "/latest";
        feedUrl = "http://127.0.0.1:" + media.getAddress().getPort() + "/feeds/readings.rss";
    }

    @AfterAll
    static void stopMedia() {
        releaseStalled.countDown();
        media.stop(0);
    }

    @Test
    void aLocalAddressIsRefusedWithoutTheTestSetting() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Import refused");
        HttpResponse<String> r = api.postJson("/api/public/voice/import/items", key, "{\"url\":\"" + mediaUrl + "\"}");
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(json(r).getString("detail").contains("private or local network"), r.body());
        HttpResponse<String> file = api.postJson("/api/public/voice/import/items", key, "{\"url\":\"file:///etc/passwd\"}");
        assertEquals(422, file.statusCode(), file.body());
        HttpResponse<String> name = api.postJson("/api/public/voice/import/items", key, "{\"platform\":\"youtube\",\"name\":\"../admin\"}");
        assertEquals(422, name.statusCode(), name.body());
        assertTrue(json(name).getString("detail").contains("not a channel name"), name.body());
    }

    @Test
    void aVoiceIsImportedFromALinkThroughTheWizard() throws Exception {
        try (VoxCloneStack stack = VoxCloneStack.embedded("import", Map.of("VOXCLONE_IMPORT_ALLOW_PRIVATE_ADDRESSES", "true")).start();
             PortalBrowser browser = new PortalBrowser("import", stack.baseUri())) {
            Api api = new Api(stack.baseUri());
            String key = api.createUser("Importing user");
            Path consent = Media.file("import-consent", MediaType.WAV, Media.speech());
            browser.signIn(key);
            browser.awaitStep(1);
            browser.click(By.id("platform-link"));
            browser.screenshot("platform");
            browser.next();

            browser.awaitStep(2);
            browser.type(By.id("voice-name"), "Imported voice");
            browser.type(By.id("source-url"), feedUrl);
            browser.click(By.xpath("//button[text()='Find media']"));
            browser.awaitText(By.cssSelector(".media-items"), "Reading, part two");
            assertEquals(2, browser.driver().findElements(By.cssSelector(".media-items input[type=checkbox]")).size(),
                    "the feed's two episodes, not its handout");
            browser.next();
            browser.awaitText(By.cssSelector(".message.error"), "Choose at least one");
            browser.click(By.id("media-item-0"));
            browser.click(By.id("media-item-1"));
            browser.screenshot("found");
            browser.next();

            browser.awaitStep(3);
            browser.awaitText(By.cssSelector(".chosen-items"), "Reading, part two");
            assertTrue(browser.driver().findElements(By.id("segment-start")).isEmpty(), "no part can be chosen from several items");
            browser.click(By.xpath("//button[@aria-label='Listen to \"Reading, part one\"']"));
            browser.await(By.cssSelector("audio.preview-audio"), Duration.ofMinutes(1));
            browser.screenshot("preview");
            browser.next();
            browser.awaitStep(4);
            browser.next();
            browser.awaitStep(5);
            browser.type(By.id("test-text"), "Imported and cloned.");
            browser.next();

            browser.awaitStep(6);
            browser.click(By.id("consent-accept"));
            browser.click(By.id("consent-challenge"));
            browser.awaitText(By.id("consent-text"), "I consent to a synthetic copy of my voice: ");
            browser.driver().findElement(By.id("consent-file")).sendKeys(consent.toAbsolutePath().toString());
            browser.awaitText(By.cssSelector(".message.success"), "Spoken consent stored");
            browser.next();

            browser.awaitStep(7);
            browser.click(By.xpath("//button[text()='Create the voice']"));
            browser.await(By.cssSelector(".job-status[data-status=completed]"), Duration.ofMinutes(3));
            browser.await(By.cssSelector("audio.result-audio"));
            browser.screenshot("completed");

            String jobId = json(api.get(Api.ONBOARDING + "/wizard", key)).getString("jobId");
            var job = json(api.get(Api.ONBOARDING + "/jobs/" + jobId + "/status", key));
            assertEquals("Imported voice", job.getString("voiceName"));
            assertEquals("completed", job.getString("status"));
            String challengeId = json(api.get(Api.ONBOARDING + "/wizard", key)).getJsonObject("consentChallenge").getString("challengeId");
            assertEquals(jobId, json(api.get("/api/public/voice/consent/challenges/" + challengeId, key)).getString("jobId"),
                    "the import used the consent given in the wizard");
            browser.assertNoConsoleErrors();
            // The two episodes were joined into one recording, with half a second between them.
            Path joined = Media.dir().resolve("two-readings.flac");
            Files.write(joined, api.getBytes(Api.ONBOARDING + "/jobs/" + jobId + "/audio", key).body());
            double one = new AudioPipeline().decode(Media.file("one-reading", MediaType.WAV, Media.speech()), 24_000)
                    .durationSeconds();
            assertEquals(2 * one + 0.5, new AudioPipeline().decode(joined, 24_000).durationSeconds(), 0.1);

            // A direct link is one item, named after the address.
            HttpResponse<String> direct = api.postJson("/api/public/voice/import/items", key, "{\"url\": \"" + mediaUrl + "\"}");
            assertEquals(200, direct.statusCode(), direct.body());
            assertEquals(1, json(direct).getJsonArray("items").size());
            assertEquals("latest", json(direct).getJsonArray("items").getJsonObject(0).getString("title"));

            String twoUrl = "{\"voiceName\": \"Two talks\", \"urls\": [\"" + mediaUrl + "\", \"" + mediaUrl + "\"]}";
            HttpResponse<String> withPart = api.postJson("/api/public/voice/import/clone", key,
                    twoUrl.replace("}", ", \"segmentStart\": 1}"));
            assertEquals(400, withPart.statusCode(), withPart.body());
            assertTrue(withPart.body().contains("only be chosen when one item"), withPart.body());
            String six = String.join(", ", Collections.nCopies(6, "\"" + mediaUrl + "\""));
            HttpResponse<String> tooMany = api.postJson("/api/public/voice/import/clone", key,
                    "{\"voiceName\": \"Six\", \"urls\": [" + six + "]}");
            assertEquals(400, tooMany.statusCode(), tooMany.body());
            assertTrue(tooMany.body().contains("1 to 5 addresses, was 6"), tooMany.body());

            // Two imports of one user at once are the most (the default per-user cap): a third is refused at once.
            String stalled = "{\"url\": \"http://127.0.0.1:" + media.getAddress().getPort() + "/stalled.wav\"}";
            List<CompletableFuture<HttpResponse<String>>> busy = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                busy.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return api.postJson("/api/public/voice/import/preview", key, stalled);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            try {
                assertTrue(stalledRequests.await(60, TimeUnit.SECONDS), "the two imports did not reach the media server");
                HttpResponse<String> third = api.postJson("/api/public/voice/import/preview", key, stalled);
                assertProblem(third, 429, "at most 2 at once for each person");
                assertTrue(third.headers().firstValue("Retry-After").isPresent(), third.headers().toString());
            } finally {
                releaseStalled.countDown();
            }
            for (CompletableFuture<HttpResponse<String>> f : busy) {
                assertEquals(200, f.get(2, TimeUnit.MINUTES).statusCode(), "a held import still finishes");
            }
            assertEquals(200, api.postJson("/api/public/voice/import/preview", key, stalled).statusCode(),
                    "finished imports give their slots back");
        }
    }
}
