package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian packages {@code chromium} and {@code chromium-driver}) driving the portal of the shared
 * stack. Keeps numbered screenshots per test class under {@code target/screenshots} and collects the browser console
 * so a test can fail on any error logged there.
 */
public final class PortalBrowser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("voxclone.it.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("voxclone.it.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final String base;
    private int shots;

    /** A browser on the shared stack's portal. */
    public PortalBrowser(String testName) throws IOException {
        this(testName, SharedStack.stack().baseUri());
    }

    public PortalBrowser(String testName, java.net.URI portal) throws IOException {
        for (String[] tool : List.of(new String[] {CHROMIUM, "chromium"}, new String[] {DRIVER, "chromium-driver"})) {
            if (!Files.isExecutable(Path.of(tool[0]))) {
                throw new IllegalStateException("The browser tests need " + tool[0] + ": install the Debian package '" + tool[1]
                        + "' (apt-get install chromium chromium-driver).");
            }
        }
        profile = Files.createTempDirectory("voxclone-it-chromium-");
        screenshots = Path.of("target", "screenshots", testName);
        Files.createDirectories(screenshots);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000",
                // A fake microphone that grants itself, for the spoken consent; sound may start without a click.
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
        driver = new ChromeDriver(service, options);
        base = portal.toString().replaceAll("/$", "");
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String hashPath) {
        driver.get(base + "/" + hashPath);
    }

    /** Opens the portal and signs in with {@code apiKey}. */
    public void signIn(String apiKey) {
        open("");
        type(By.id("api-key"), apiKey);
        click(By.cssSelector("form button[type=submit]"));
        await(By.id("sign-out"));
        waitUntil(d -> d.findElement(By.id("sign-out")).isDisplayed());
    }

    public WebElement await(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public WebElement await(By locator, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public void awaitText(By locator, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    public <T> T waitUntil(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    public void click(By locator) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    public void type(By locator, String text) {
        WebElement field = await(locator);
        field.clear();
        field.sendKeys(text);
    }

    /** The heading of the wizard step now shown, e.g. "Step 2 of 7: Recording". */
    public String stepTitle() {
        return await(By.id("step-title")).getText();
    }

    public void awaitStep(int step) {
        awaitText(By.id("step-title"), "Step " + step + " of 7");
    }

    public void next() {
        click(By.cssSelector("#main form button[type=submit]"));
    }

    /** On a phone-sized window the page must not scroll sideways; a screenshot records how it looks. */
    public void assertFitsNarrowScreen(String name) throws IOException {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            Number overflow = (Number) driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            screenshot(name + "-narrow");
            assertEquals(0, overflow.intValue(), "the page scrolls sideways on a narrow screen");
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    public void screenshot(String name) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(String.format("%02d-%s.png", ++shots, name)), png);
    }

    /** Fails with the messages when the page logged an error to the browser console since the last call. */
    public void assertNoConsoleErrors() {
        assertNoConsoleErrorsBut(message -> false);
    }

    /** Like {@link #assertNoConsoleErrors()}, not counting the errors a test caused on purpose. */
    public void assertNoConsoleErrorsBut(java.util.function.Predicate<String> expected) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).filter(expected.negate()).toList();
        assertEquals(List.of(), errors, "errors in the browser console");
    }

    /** Makes the browser refuse every request whose address matches one of the patterns ("*" is a wildcard). */
    public void blockRequests(String... urlPatterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(urlPatterns)));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
