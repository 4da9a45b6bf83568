package fr.essor.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import fr.essor.HttpTestSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * End-to-end tests in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}),
 * with axe-core injected to check accessibility. Without Chromium or axe-core the tests skip
 * themselves, unless {@code -Dbrowser.required=true} (as in CI), where they fail instead.
 */
public abstract class BrowserTestSupport extends HttpTestSupport {

    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    protected static WebDriver driver;
    private static String axe;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean required = Boolean.getBoolean("browser.required");
        String axePath = System.getProperty("axe.script", "");
        if (axePath.isBlank()) {
            axePath = ".ci/tools/axe-core/axe.min.js";
        }
        String missing = !Files.isExecutable(Path.of(CHROMIUM))
                ? CHROMIUM
                : !Files.isExecutable(Path.of(DRIVER)) ? DRIVER : !Files.isReadable(Path.of(axePath)) ? axePath : null;
        if (missing != null) {
            if (required) {
                fail("Browser tests are required but " + missing + " is missing (see .ci/run)");
            }
            Assumptions.abort("Browser tests skipped: " + missing + " is missing");
        }
        axe = Files.readString(Path.of(axePath));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.setPageLoadStrategy(org.openqa.selenium.PageLoadStrategy.EAGER);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--lang=fr-FR",
                "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(DRIVER).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    protected void open(String path) {
        driver.get(url(path));
    }

    /** Clicks what leads to another page, and waits until that page has replaced this one. */
    protected void clickThrough(By target) {
        org.openqa.selenium.WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(target).click();
        // the old page is gone once its root cannot be read: Chromium says so either as a stale element or,
        // while the new document is being attached, as an inspector error about a node of another document
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    protected void phone() {
        driver.manage().window().setSize(new Dimension(390, 844));
    }

    protected void desktop() {
        driver.manage().window().setSize(new Dimension(1280, 1000));
    }

    /** Runs axe-core on the current page and fails with the list of violations, if any. */
    @SuppressWarnings("unchecked")
    protected void assertNoAccessibilityViolations() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe);
        List<Map<String, Object>> violations =
                (List<Map<String, Object>>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
                        + ".catch(e => done([{id: 'axe-error', help: String(e)}]));");
        assertThat(violations)
                .as("axe-core violations on " + driver.getCurrentUrl())
                .isEmpty();
    }

    /** Nothing on the current page is wider than the window (maps aside; tables scroll in their frame). */
    protected void assertFitsThePhone() {
        Object overflow = ((JavascriptExecutor) driver)
                .executeScript(
                        "const w = document.documentElement.clientWidth;"
                                + "const wide = [...document.querySelectorAll('body *')].filter(e => !e.closest('.leaflet-container') && !e.parentElement.closest('.table-wrap') && e.getBoundingClientRect().right > w + 1);"
                                + "return wide.slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));");
        assertThat((List<?>) overflow)
                .as("elements wider than the phone screen on " + driver.getCurrentUrl())
                .isEmpty();
        // and the page itself does not scroll sideways (something positioned outside its frame would)
        Object widths = ((JavascriptExecutor) driver)
                .executeScript("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
        assertThat(((List<?>) widths).get(0))
                .as("page width on a phone, at " + driver.getCurrentUrl())
                .isEqualTo(((List<?>) widths).get(1));
    }

    /** Checks the current page with axe-core, then again at a phone's width, and saves both screenshots. */
    protected void assertAccessibleOnDesktopAndPhone(String name) {
        assertThat(driver.findElements(org.openqa.selenium.By.cssSelector(".error-page")))
                .as("an error page instead of " + name + " at " + driver.getCurrentUrl())
                .isEmpty();
        desktop();
        driver.navigate().refresh();
        assertNoAccessibilityViolations();
        screenshot("desktop-" + name);
        phone();
        driver.navigate().refresh();
        assertNoAccessibilityViolations();
        assertFitsThePhone();
        screenshot("phone-" + name);
        desktop();
    }

    /** Saves a screenshot under target/screenshots, to look at pages as a person would. */
    protected void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
