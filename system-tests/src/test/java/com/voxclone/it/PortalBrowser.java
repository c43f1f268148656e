package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
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

    public PortalBrowser(String testName, URI portal) throws IOException {
        for (String[] tool : List.of(new String[] {CHROMIUM, "chromium"}, new String[] {DRIVER, "chromium-driver"})) {
            if (!Files.isExecutable(Path.of(tool[0]))) {
                throw new IllegalStateException("The browser tests need " + tool[0] + ": install the Debian package '" + tool[1]
                        + "' (apt-get install chromium chromium-driver).");
            }
        }
        profile = TempDirs.create("chromium");
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

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    /** Clicks the element, finding it again if a live refresh replaced it between finding and clicking. */
    public void click(By locator) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
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
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(390, 844));
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

    /**
     * Fails when visible text on the page has less contrast with what is behind it than WCAG 2 AA asks: 4.5:1, or
     * 3:1 for large text (24 px, or 18.66 px bold). Backgrounds are found by walking up to the first opaque one.
     */
    public void assertReadableContrast(String where) {
        @SuppressWarnings("unchecked")
        List<String> failures = (List<String>) driver.executeScript(CONTRAST_CHECK);
        assertEquals(List.of(), failures, "text with too little contrast on " + where);
    }

    private static final String CONTRAST_CHECK = """
            const rgba = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
            const lum = ([r, g, b]) => {
              const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
            };
            const background = (el) => {
              for (let e = el; e; e = e.parentElement) {
                const c = rgba(getComputedStyle(e).backgroundColor);
                if (c.length === 3 || (c.length === 4 && c[3] >= 0.99)) return c.slice(0, 3);
              }
              return [255, 255, 255];
            };
            const failures = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const seen = new Set();
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const el = node.parentElement;
              if (!el || seen.has(el) || !node.textContent.trim()) continue;
              seen.add(el);
              const style = getComputedStyle(el);
              const box = el.getBoundingClientRect();
              if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0
                  || el.closest('[hidden], .visually-hidden, option, script, style, :disabled')) continue;
              const fg = rgba(style.color);
              const alpha = fg.length === 4 ? fg[3] : 1;
              const bg = background(el);
              const text = fg.slice(0, 3).map((v, i) => v * alpha + bg[i] * (1 - alpha));
              const [hi, lo] = [lum(text), lum(bg)].sort((a, b) => b - a);
              const ratio = (hi + 0.05) / (lo + 0.05);
              const size = parseFloat(style.fontSize);
              const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
              if (ratio < (large ? 3 : 4.5)) {
                failures.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} "${node.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)}:1`);
              }
            }
            return failures;
            """;

    /** Fails with the messages when the page logged an error to the browser console since the last call. */
    public void assertNoConsoleErrors() {
        assertNoConsoleErrorsBut(message -> false);
    }

    /** Like {@link #assertNoConsoleErrors()}, not counting the errors a test caused on purpose. */
    public void assertNoConsoleErrorsBut(Predicate<String> expected) {
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
            TempDirs.delete(profile);
        }
    }
}
