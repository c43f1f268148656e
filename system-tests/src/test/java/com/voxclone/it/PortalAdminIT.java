package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.entity.MediaType;
import jakarta.jms.JMSRuntimeException;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The administration console in a real browser: health, workers, queues, a failed job retried, users and keys. */
@Order(12)
@ExtendWith(SharedStack.class)
class PortalAdminIT {

    private PortalBrowser browser;
    private final Api api = SharedStack.api();

    @BeforeEach
    void openBrowser() throws Exception {
        browser = new PortalBrowser("admin");
    }

    @AfterEach
    void closeBrowser() throws Exception {
        browser.close();
    }

    @Test
    void anAdministratorSeesTheServiceRetriesAFailedJobAndManagesKeys() throws Exception {
        String key = api.createUser("Admin console subject");
        var accepted = api.upload(key, Map.of("voiceName", SharedStack.FAILING_FIRST_RUN_PREFIX + " console"),
                Media.file("admin-recording", MediaType.WAV, Media.speech()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = json(accepted).getString("jobId");
        JsonObject failed = api.awaitFinished(key, jobId, Duration.ofMinutes(2));
        assertEquals("failed", failed.getString("status"));

        browser.signIn(VoxCloneStack.ADMIN_KEY);
        browser.open("#/admin");
        browser.awaitText(By.cssSelector(".health"), "Ready");
        // The shared stack runs with fault drills on: the console says so.
        browser.awaitText(By.id("drills-warning"), "Fault drills are on");
        browser.await(By.xpath("//section[@aria-labelledby='workers-title']//td[text()='alive']"));
        browser.await(By.id("jobs-queue-depth"));
        browser.screenshot("overview");
        browser.assertFitsNarrowScreen("overview");

        new Select(browser.await(By.id("job-status-filter"))).selectByValue("failed");
        String row = "//tr[@data-job='" + jobId + "']";
        browser.awaitText(By.xpath(row), "failed");
        browser.click(By.xpath(row + "//button[text()='Details']"));
        browser.awaitText(By.id("job-detail-title"), jobId);
        assertTrue(browser.driver().findElement(By.cssSelector(".job-detail .history")).getText().contains("will retry"),
                "the history shows the retried attempts");
        browser.screenshot("failed-job");
        browser.assertReadableContrast("the administration console");

        browser.click(By.xpath(row + "//button[text()='Retry']"));
        browser.awaitText(By.cssSelector("#main > div .message.success"), "sent again");
        browser.screenshot("retried");
        // The outage was in the first run only: the retried run completes, and the console shows it.
        browser.await(By.xpath("//h3[@id='job-detail-title'][contains(., '(completed)')]"), Duration.ofMinutes(2));
        browser.awaitText(By.cssSelector(".job-detail .job-runs"), "Run 2");
        JsonObject completed = json(api.get("/api/admin/jobs/" + jobId, VoxCloneStack.ADMIN_KEY));
        assertEquals("completed", completed.getString("status"), completed.toString());
        assertEquals(2, completed.getInt("runs"));
        assertTrue(completed.getJsonArray("history").toString().contains("retried by an administrator"), completed.toString());
        browser.screenshot("retry-completed");

        browser.type(By.id("new-user-name"), "Created in the console");
        browser.click(By.xpath("//button[text()='Create user']"));
        String newKey = browser.await(By.id("new-secret")).getText();
        assertEquals(200, api.get("/api/public/account", newKey).statusCode());
        browser.screenshot("user-created");
        String userRow = "//section[@aria-labelledby='users-title']//tr[td[text()='Created in the console']]";
        browser.click(By.xpath(userRow + "//button[text()='Revoke']"));
        browser.click(By.xpath("//dialog//button[text()='Revoke the key']"));
        browser.awaitText(By.xpath(userRow), "revoked");
        assertEquals(401, api.get("/api/public/account", newKey).statusCode());
        browser.screenshot("key-revoked");

        browser.click(By.xpath(userRow + "//button[text()='New key']"));
        browser.awaitText(By.id("new-secret"), "vxc_");
        String secondKey = browser.await(By.id("new-secret")).getText();
        assertEquals(200, api.get("/api/public/account", secondKey).statusCode());
        browser.click(By.xpath(userRow + "//button[text()='Disable']"));
        browser.click(By.xpath("//dialog//button[text()='Disable the user']"));
        browser.awaitText(By.xpath(userRow), "disabled");
        assertEquals(401, api.get("/api/public/account", secondKey).statusCode(), "a disabled user's key stops working at once");
        browser.screenshot("user-disabled");
        browser.click(By.xpath(userRow + "//button[text()='Enable']"));
        browser.awaitText(By.xpath(userRow), "active");
        assertEquals(200, api.get("/api/public/account", secondKey).statusCode(), "enabled again, the key works again");

        // An integration account for that user: its credentials are shown once, it signs on, and revoked it cannot.
        browser.type(By.id("new-client-name"), "Console billing system");
        new Select(browser.await(By.id("new-client-owner"))).selectByVisibleText("Created in the console");
        browser.click(By.xpath("//button[text()='Create account']"));
        browser.awaitText(By.id("new-secret"), "password: ");
        Map<String, String> account = new HashMap<>();
        for (String line : browser.await(By.id("new-secret")).getText().split("\n")) {
            account.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
        }
        try (var factory = new ActiveMQConnectionFactory(account.get("broker"), account.get("username"), account.get("password"))) {
            factory.createContext().close();
        }
        browser.screenshot("integration-account-created");
        String clientRow = "//section[@aria-labelledby='clients-title']//tr[td[text()='Console billing system']]";
        browser.click(By.xpath(clientRow + "//button[text()='Revoke']"));
        browser.click(By.xpath("//dialog//button[text()='Revoke the account']"));
        browser.awaitText(By.xpath(clientRow), "revoked");
        try (var factory = new ActiveMQConnectionFactory(account.get("broker"), account.get("username"), account.get("password"))) {
            assertThrows(JMSRuntimeException.class, () -> factory.createContext().close(), "revoked, it cannot sign on");
        }

        // The shared stack runs without consent, as the deployment set it; the console says so.
        browser.awaitText(By.id("consent-policy-state"), "In force: off (the deployment's setting).");

        // The audit trail has all of it: this user's disabling and enabling, found by the user filter.
        new Select(browser.await(By.id("audit-user"))).selectByVisibleText("Created in the console");
        browser.type(By.id("audit-action"), "admin.users");
        browser.click(By.xpath("//button[text()='Search']"));
        String auditTable = "//section[@aria-labelledby='audit-title']//table";
        browser.awaitText(By.xpath(auditTable), "/disable -> 200");
        String trail = browser.await(By.xpath(auditTable)).getText();
        assertTrue(trail.contains("/disable -> ") && trail.contains("/enable -> "), trail);
        browser.screenshot("audit-trail");

        // The watermark check: a real person's recording is not VoxClone speech.
        browser.await(By.id("watermark-file")).sendKeys(
                "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav");
        browser.click(By.xpath("//button[text()='Examine']"));
        browser.awaitText(By.xpath("//section[@aria-labelledby='watermark-title']"), "No VoxClone watermark was found");
        browser.screenshot("watermark-check");
        browser.assertNoConsoleErrors();
    }
}
