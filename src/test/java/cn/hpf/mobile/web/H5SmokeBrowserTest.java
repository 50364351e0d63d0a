package cn.hpf.mobile.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.browser.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/** The browser-test machinery itself: chromium starts, the page loads under its CSP, axe runs, screenshots land. */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H5SmokeBrowserTest {

    @TestHTTPResource("/h5/")
    URL h5;

    Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.open(h5);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void pageLoadsUnderItsPolicyAccessiblyAndIsPhotographed() {
        browser.get("/h5/");
        browser.waitFor(By.tagName("h1"));
        Object csp = browser.script("return performance.getEntriesByType('navigation').length");
        assertThat(csp).isEqualTo(1L);
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        // The policy is really enforced: an inline script is refused and reported.
        browser.script("const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
                + "document.head.appendChild(s);");
        browser.waitUntil(d -> !browser.cspViolations().isEmpty());
        assertThat(browser.script("return window.__ran === undefined")).isEqualTo(true);
        browser.get("/h5/");
        browser.waitFor(By.tagName("h1"));
        assertThat(browser.cspViolations()).isEmpty();
        assertThat(browser.screenshot("h5-smoke")).exists().isNotEmptyFile();
    }
}
