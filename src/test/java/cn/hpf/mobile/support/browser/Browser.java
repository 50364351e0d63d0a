package cn.hpf.mobile.support.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian chromium for a browser test class (bin/tools installs chromium, chromium-driver and axe-core).
 * Phone-sized by default ({@link #open}), desktop-sized for the console ({@link #desktop}); Chinese first
 * (--lang=zh-CN), like the members' phones. Waits are Selenium waits, never sleeps.
 *
 * <pre>
 * try (Browser b = Browser.open(h5Url)) { b.get("/h5/"); b.waitForText(By.tagName("h1"), "住房公积金"); … }
 * </pre>
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path AXE = Path.of(".tools/node_modules/axe-core/axe.min.js");
    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    public static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Installed by the test through CDP before any page script runs (so the page's CSP does not apply to it, and the
     * page never carries it): every {@code securitypolicyviolation} of the document is kept for
     * {@link #cspViolations()}.
     */
    private static final String CSP_LISTENER = """
            window.__hpfCsp = [];
            document.addEventListener('securitypolicyviolation', e => window.__hpfCsp.push(
                e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
            """;

    static {
        // Selenium looks for a devtools module matching the browser on first CDP use; the commands here go through
        // chromedriver's version-agnostic executeCdpCommand and need none.
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder")
                .setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final String origin;
    private final WebDriverWait wait;

    private Browser(String baseUrl, int width, int height) {
        URI uri = URI.create(baseUrl);
        this.origin = uri.getScheme() + "://" + uri.getRawAuthority();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=zh-CN", "--window-size=" + width + "," + height, "--hide-scrollbars",
                "--no-first-run", "--disable-extensions", "--disable-background-networking");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        // The viewport, not the outer window, is what the page lays out in: a phone's 390×844.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 800));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** A phone (390×844). {@code baseUrl} is any URL of the application under test; only its origin is kept. */
    public static Browser open(URL baseUrl) {
        return open(baseUrl.toString());
    }

    public static Browser open(String baseUrl) {
        return new Browser(baseUrl, 390, 844);
    }

    /** A desktop (1440×900), for the operators' console. */
    public static Browser desktop(URL baseUrl) {
        return desktop(baseUrl.toString());
    }

    public static Browser desktop(String baseUrl) {
        return new Browser(baseUrl, 1440, 900);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String origin() {
        return origin;
    }

    /** Loads {@code path} (e.g. {@code /h5/withdraw}) of the application: a full page load. */
    public Browser get(String path) {
        driver.get(origin + path);
        return this;
    }

    public String path() {
        return URI.create(driver.getCurrentUrl()).getRawPath();
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    public <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(condition);
    }

    /** The first visible element matching {@code by}, once there is one. */
    public WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The first element matching {@code by} once its text contains {@code text}. */
    public WebElement waitForText(By by, String text) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Waited for \"" + text + "\" in " + by + " at " + driver.getCurrentUrl()
                    + "; the page's main reads: " + mainText(), e);
        }
        return driver.findElement(by);
    }

    /** What the page shows in its main element (for failure messages). */
    public String mainText() {
        try {
            Object text = driver.executeScript("const m = document.querySelector('main'); "
                    + "return m ? m.innerText : document.body.innerText;");
            return String.valueOf(text).replace("\n", " / ");
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    public WebElement click(By by) {
        WebElement e = wait.until(ExpectedConditions.elementToBeClickable(by));
        e.click();
        return e;
    }

    /** Clears the field and types {@code text} into it. */
    public WebElement type(By by, String text) {
        WebElement e = waitFor(by);
        e.clear();
        e.sendKeys(text);
        return e;
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** A Chrome DevTools Protocol command (version-agnostic, through chromedriver). */
    public Map<String, Object> cdp(String command, Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    /** Writes target/screenshots/{name}.png and returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CSP violations the current document has reported since it was loaded. */
    @SuppressWarnings("unchecked")
    public List<String> cspViolations() {
        Object list = driver.executeScript("return window.__hpfCsp || ['CSP listener missing'];");
        return new ArrayList<>((List<String>) list);
    }

    /**
     * Runs axe-core (WCAG 2 A/AA rules) on the current document and fails on any serious or critical violation,
     * naming the rule, its impact and the offending elements.
     */
    @SuppressWarnings("unchecked")
    public void assertAccessible() {
        String axe;
        try {
            axe = Files.readString(AXE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core missing: run bin/tools", e);
        }
        driver.executeScript(axe);
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(r.violations
                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                          + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        List<String> violations = (List<String>) result;
        if (!violations.isEmpty()) {
            throw new AssertionError("Accessibility violations on " + driver.getCurrentUrl() + ":\n  "
                    + String.join("\n  ", violations));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
