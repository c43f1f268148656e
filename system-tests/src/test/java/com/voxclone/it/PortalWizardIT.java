package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** The onboarding wizard in a real browser: an upload through all seven steps, and resuming a saved wizard. */
@Order(10)
@ExtendWith(SharedStack.class)
class PortalWizardIT {

    private PortalBrowser browser;
    private final Api api = SharedStack.api();

    @BeforeEach
    void openBrowser(TestInfo test) throws Exception {
        browser = new PortalBrowser("wizard-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void closeBrowser() throws Exception {
        browser.close();
    }

    @Test
    void anUploadGoesThroughAllSevenStepsUntilTheTestAudioPlays() throws Exception {
        String key = api.createUser("Wizard user");
        Path recording = Media.file("wizard-recording", MediaType.WAV, Media.speech());
        browser.signIn(key);

        browser.awaitStep(1);
        boolean platforms = json(api.get("/api/public/voice/import/capabilities", key)).getBoolean("platforms");
        assertEquals(!platforms, browser.driver().findElement(By.id("platform-youtube")).getAttribute("disabled") != null,
                "YouTube is offered exactly when the server can import from it");
        browser.screenshot("platform");
        browser.next();

        browser.awaitStep(2);
        browser.type(By.id("voice-name"), "Wizard voice");
        browser.driver().findElement(By.id("recording-file")).sendKeys(recording.toAbsolutePath().toString());
        browser.awaitText(By.cssSelector(".message.success"), "Ready.");
        browser.screenshot("recording");
        browser.next();

        browser.awaitStep(3);
        // Drag across the waveform to choose a part, then set it exactly with the keyboard.
        var canvas = browser.await(By.cssSelector("canvas.waveform"));
        new Actions(browser.driver()).moveToElement(canvas, -canvas.getSize().width / 4, 0)
                .clickAndHold().moveByOffset(canvas.getSize().width / 3, 0).release().perform();
        assertTrue(!browser.driver().findElement(By.id("segment-start")).getAttribute("value").isEmpty(),
                "dragging across the waveform chooses a part");
        browser.awaitText(By.id("segment-length"), "Using");
        browser.type(By.id("segment-start"), "1");
        browser.type(By.id("segment-end"), "2");
        browser.next();
        browser.awaitText(By.cssSelector(".message.error"), "at least 2 seconds");
        browser.type(By.id("segment-end"), "6.5");
        browser.awaitText(By.id("segment-length"), "from 1.0 s to 6.5 s");
        browser.screenshot("content");
        browser.assertReadableContrast("the content step");
        browser.next();

        browser.awaitStep(4);
        browser.type(By.id("wizard-exaggeration"), "0.7");
        browser.click(By.cssSelector("details.advanced summary"));
        browser.type(By.id("wizard-speed"), "1.1");
        browser.screenshot("settings");
        browser.assertFitsNarrowScreen("settings");
        browser.assertReadableContrast("the settings step");
        browser.next();

        browser.awaitStep(5);
        browser.type(By.id("test-text"), "Hello from the portal.");
        browser.awaitText(By.id("test-text-count"), "22 of 60 characters");
        browser.screenshot("test-text");
        browser.next();

        browser.awaitStep(6);
        // The shared stack runs with consent off: the step says so, and still takes a consent when one is given.
        browser.awaitText(By.cssSelector(".message.warning"), "without their speaker's verified consent");
        browser.click(By.id("consent-accept"));
        browser.click(By.id("consent-challenge"));
        browser.awaitText(By.id("consent-text"), "I consent to a synthetic copy of my voice: ");
        browser.click(By.xpath("//button[text()='Record']"));
        browser.awaitText(By.cssSelector("button.recording"), "Stop recording");
        Thread.sleep(1500); // a second and a half of the fake microphone's tone
        browser.click(By.cssSelector("button.recording"));
        browser.awaitText(By.cssSelector(".message.success"), "Spoken consent stored");
        browser.screenshot("identity");
        browser.assertReadableContrast("the consent step");
        browser.next();

        browser.awaitStep(7);
        browser.awaitText(By.cssSelector("dl.summary"), "Wizard voice");
        browser.screenshot("review");
        browser.click(By.xpath("//button[text()='Create the voice']"));
        browser.await(By.cssSelector(".job-status[data-status=completed]"), Duration.ofMinutes(3));
        assertEquals("stream", browser.driver().findElement(By.cssSelector(".job-status")).getAttribute("data-via"),
                "the outcome arrived over the event stream");
        browser.await(By.cssSelector("audio.result-audio"));
        Number played = (Number) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const a = document.querySelector('audio.result-audio');"
                        + "a.play().then(() => setTimeout(() => done(a.currentTime), 800), e => done(-1));");
        assertTrue(played.doubleValue() > 0, "the test audio plays, position " + played);
        browser.screenshot("completed");
        browser.assertReadableContrast("the completed wizard");

        JsonObject wizard = json(api.get(Api.ONBOARDING + "/wizard", key));
        String jobId = wizard.getString("jobId");
        JsonObject job = json(api.get(Api.ONBOARDING + "/jobs/" + jobId + "/status", key));
        assertEquals("completed", job.getString("status"));
        assertEquals(0.7, job.getJsonObject("settings").getJsonNumber("exaggeration").doubleValue(), 1e-9);
        assertEquals(1.1, job.getJsonObject("settings").getJsonNumber("speed").doubleValue(), 1e-9);
        assertEquals(1.0, job.getJsonObject("segment").getJsonNumber("start").doubleValue(), 1e-9);
        assertEquals(6.5, job.getJsonObject("segment").getJsonNumber("end").doubleValue(), 1e-9);
        // The voice was learnt from the chosen 5.5 s only (less the silence trimmed at its edges), not the whole recording.
        Path reference = Media.dir().resolve("wizard-reference.mp3");
        Files.write(reference,
                api.getBytes("/api/public/voice/voices/" + job.getString("voiceId") + "/reference", key).body());
        double referenceSeconds = new AudioPipeline().decode(reference, 24_000).durationSeconds();
        assertTrue(referenceSeconds > 3 && referenceSeconds <= 5.6, "reference is " + referenceSeconds + " s");
        // A tone is no spoken consent: the verdict says so, and under the policy 'off' the voice was made all the same.
        JsonObject consent = json(api.get("/api/public/voice/consent/challenges/" + wizard.getJsonObject("consentChallenge")
                .getString("challengeId"), key));
        assertEquals(jobId, consent.getString("jobId"));
        assertEquals("refused", consent.getJsonObject("verdict").getString("result"), consent.toString());
        assertEquals(job.getString("voiceId"), consent.getJsonObject("verdict").getString("voiceId"));
        assertTrue(api.getBytes(consent.getString("recordingUrl"), key).body().length > 500, "the spoken consent is stored");
        browser.assertNoConsoleErrors();
    }

    @Test
    void progressFallsBackToPollingWhenTheEventStreamCannotBeOpened() throws Exception {
        String key = api.createUser("Polling user");
        var accepted = api.upload(key, Map.of("voiceName", "Polled voice", "testText", "Polled."),
                Media.file("polling-recording", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = json(accepted).getString("jobId");
        // A wizard submitted on another device: signing in here resumes it at its progress.
        assertEquals(200, api.putJson(Api.ONBOARDING + "/wizard", key, "{\"step\": 7, \"platform\": \"upload\", "
                + "\"voiceName\": \"Polled voice\", \"testText\": \"Polled.\", \"jobId\": \"" + jobId + "\"}").statusCode());
        // Like a proxy that does not pass event streams through.
        browser.blockRequests("*/events");
        browser.signIn(key);
        browser.awaitStep(7);
        browser.await(By.cssSelector(".job-status[data-status=completed]"), Duration.ofMinutes(3));
        assertEquals("polling", browser.driver().findElement(By.cssSelector(".job-status")).getAttribute("data-via"),
                "the outcome arrived by polling the status");
        browser.await(By.cssSelector("audio.result-audio"));
        browser.screenshot("completed-by-polling");
        browser.assertNoConsoleErrorsBut(message -> message.contains("/events") && message.contains("ERR_BLOCKED_BY_CLIENT"));
    }

    @Test
    void aReloadOrAnotherSignInResumesTheWizardWhereItWasLeft() throws Exception {
        String key = api.createUser("Resuming user");
        Path recording = Media.file("resume-recording", MediaType.WAV, Media.speech());
        browser.signIn(key);
        browser.awaitStep(1);
        browser.next();
        browser.awaitStep(2);
        browser.type(By.id("voice-name"), "Resumed voice");
        browser.driver().findElement(By.id("recording-file")).sendKeys(recording.toAbsolutePath().toString());
        browser.awaitText(By.cssSelector(".message.success"), "Ready.");
        browser.next();
        browser.awaitStep(3);
        browser.next();
        browser.awaitStep(4);
        browser.type(By.id("wizard-cfgWeight"), "1.5");
        browser.next();
        browser.awaitStep(5);

        browser.driver().navigate().refresh();
        browser.awaitStep(5);
        browser.screenshot("after-reload");

        // Another device: a new sign-in without anything kept in the browser.
        browser.click(By.id("sign-out"));
        // Signing in with the keyboard alone: type the key, press Enter.
        browser.await(By.id("api-key")).sendKeys(key, Keys.ENTER);
        browser.awaitStep(5);
        assertEquals("step-title", browser.driver().switchTo().activeElement().getAttribute("id"),
                "keyboard focus moves to the step's heading");
        browser.click(By.xpath("//button[text()='Back']"));
        browser.awaitStep(4);
        assertEquals("1.5", browser.driver().findElement(By.id("wizard-cfgWeight")).getAttribute("value"));
        browser.click(By.xpath("//button[text()='Back']"));
        browser.awaitStep(3);
        browser.click(By.xpath("//button[text()='Choose the recording']"));
        browser.awaitStep(2);
        assertEquals("Resumed voice", browser.driver().findElement(By.id("voice-name")).getAttribute("value"));
        browser.awaitText(By.cssSelector(".message.info"), "choose the recording again");
        browser.screenshot("resumed-elsewhere");
        browser.assertNoConsoleErrors();
    }
}
