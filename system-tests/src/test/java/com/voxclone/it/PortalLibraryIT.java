package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** The voice library in a real browser: listen, test, rename, change settings, deactivate and delete a voice. */
@Order(11)
@ExtendWith(SharedStack.class)
class PortalLibraryIT {

    private PortalBrowser browser;
    private final Api api = SharedStack.api();

    @BeforeEach
    void openBrowser() throws Exception {
        browser = new PortalBrowser("library");
    }

    @AfterEach
    void closeBrowser() throws Exception {
        browser.close();
    }

    @Test
    void aVoiceIsRenamedTunedTestedGivenAnotherRecordingDeactivatedAndDeleted() throws Exception {
        String key = api.createUser("Library user");
        var accepted = api.upload(key, Map.of("voiceName", "Library voice", "testText", "Hello."),
                Media.file("library-recording", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonObject job = api.awaitFinished(key, json(accepted).getString("jobId"), Duration.ofMinutes(3));
        assertEquals("completed", job.getString("status"), job.toString());
        String voiceId = job.getString("voiceId");
        String card = "article[data-voice='" + voiceId + "'] ";

        browser.signIn(key);
        browser.open("#/voices");
        browser.awaitText(By.cssSelector(card + "h2"), "Library voice");
        browser.screenshot("list");

        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Play reference']"));
        browser.await(By.cssSelector(card + "audio"));

        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Test']"));
        browser.type(By.id("test-" + voiceId), "Any text at all.");
        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Speak']"));
        browser.await(By.cssSelector(card + "audio.test-audio"), Duration.ofMinutes(1));
        browser.screenshot("tested");

        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Rename']"));
        browser.type(By.id("rename-" + voiceId), "Renamed voice");
        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Save name']"));
        browser.awaitText(By.cssSelector(card + "h2"), "Renamed voice");
        browser.screenshot("renamed");

        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Settings']"));
        browser.type(By.id("voice-" + voiceId + "-exaggeration"), "1.25");
        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Save settings']"));
        browser.awaitText(By.cssSelector(card + ".message.success"), "Settings saved.");
        browser.screenshot("settings");

        // Another recording of the voice: added, learnt, then removed again.
        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Recordings']"));
        browser.awaitText(By.cssSelector(card + ".hint"), "at least one recording");
        assertTrue(browser.driver().findElements(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Remove']")).isEmpty(),
                "the only recording cannot be removed");
        browser.driver().findElement(By.id("sample-" + voiceId)).sendKeys(
                Media.file("library-sample", MediaType.MP3, Media.speech()).toAbsolutePath().toString());
        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Add the recording']"));
        browser.await(By.xpath("//article[@data-voice='" + voiceId + "']//*[contains(@class,'success')][contains(., 'was added')]"),
                Duration.ofMinutes(3));
        browser.awaitText(By.cssSelector(card + ".sample-count"), "2");
        assertEquals(2, api.get("/api/public/voice/voices/" + voiceId + "/samples", key).body().split("sampleId").length - 1);
        browser.screenshot("sample-added");
        browser.assertReadableContrast("the voice library");
        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[@aria-label='Remove recording 2']"));
        browser.click(By.xpath("//dialog//button[text()='Remove the recording']"));
        browser.await(By.xpath("//article[@data-voice='" + voiceId + "']//*[contains(@class,'success')][contains(., 'was removed')]"),
                Duration.ofMinutes(3));
        browser.awaitText(By.cssSelector(card + ".sample-count"), "1");
        browser.screenshot("sample-removed");

        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Deactivate']"));
        browser.awaitText(By.cssSelector(card + ".voice-status"), "Deactivated");

        JsonObject stored = json(api.get("/api/public/voice/voices/" + voiceId, key));
        assertEquals("Renamed voice", stored.getString("voiceName"));
        assertEquals(1.25, stored.getJsonObject("settings").getJsonNumber("exaggeration").doubleValue(), 1e-9);
        assertFalse(stored.getBoolean("isActive"));

        browser.click(By.xpath("//article[@data-voice='" + voiceId + "']//button[text()='Delete']"));
        browser.await(By.cssSelector("dialog[open]"));
        browser.screenshot("confirm-delete");
        browser.click(By.xpath("//dialog//button[text()='Delete the voice']"));
        browser.awaitText(By.cssSelector("#main .message.success"), "was deleted");
        assertTrue(browser.driver().findElements(By.cssSelector(card)).isEmpty());
        browser.screenshot("deleted");
        assertEquals(404, api.get("/api/public/voice/voices/" + voiceId, key).statusCode());
        browser.assertNoConsoleErrors();
    }
}
