package cn.hpf.mobile.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.browser.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/** The member page's shell: sign-in and out, routing back after sign-in, public views, elder mode, language. */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H5ShellBrowserTest {

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

    @BeforeEach
    void freshTab() {
        browser.get("/h5/verify");
        browser.script("sessionStorage.clear()");
    }

    static void signIn(Browser b, String memberNo) {
        b.type(By.id("login-member"), memberNo);
        b.type(By.id("login-password"), Api.PASSWORD);
        b.click(By.cssSelector("form button[type=submit]"));
    }

    @Test
    void signInShowsHomeAndSignOutForgetsTheSession() {
        browser.get("/h5/");
        browser.waitUntil(d -> browser.path().equals("/h5/login"));
        browser.waitFor(By.id("login-member"));
        browser.assertAccessible();
        signIn(browser, Api.RENTER);
        browser.waitForText(By.cssSelector("main h1"), "我的公积金");
        browser.waitFor(By.id("balance"));
        assertThat(browser.path()).isEqualTo("/h5/");
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat((String) browser.script("return sessionStorage.getItem('hpf.h5.session')")).contains("accessToken");
        browser.assertAccessible();

        browser.click(By.id("sign-out"));
        browser.waitUntil(d -> browser.path().equals("/h5/login"));
        assertThat(browser.script("return sessionStorage.getItem('hpf.h5.session')")).isNull();
        assertThat(browser.cspViolations()).isEmpty();
    }

    @Test
    void consentSendsAMemberWhoIsNotSignedInToTheLoginAndBackWithItsQuery() {
        browser.get("/h5/consent?appId=2026000000000001&scope=account.read&state=x%2Fy");
        browser.waitUntil(d -> browser.path().equals("/h5/login"));
        signIn(browser, Api.RENTER);
        browser.waitUntil(d -> browser.path().equals("/h5/consent"));
        assertThat(browser.driver().getCurrentUrl())
                .endsWith("/h5/consent?appId=2026000000000001&scope=account.read&state=x%2Fy");
    }

    @Test
    void verifyAndCalculatorRenderWithoutASession() {
        browser.get("/h5/verify");
        browser.waitFor(By.cssSelector("main h1"));
        assertThat(browser.path()).isEqualTo("/h5/verify");
        browser.get("/h5/calculator");
        browser.waitFor(By.cssSelector("main h1"));
        assertThat(browser.path()).isEqualTo("/h5/calculator");
        browser.get("/h5/signed-in");
        browser.waitFor(By.cssSelector("main h1"));
        assertThat(browser.path()).isEqualTo("/h5/signed-in");
    }

    @Test
    void aNextOutsideThePageIsIgnored() {
        browser.get("/h5/login?next=" + java.net.URLEncoder.encode("//evil.example/h5/", java.nio.charset.StandardCharsets.UTF_8));
        signIn(browser, Api.RENTER);
        browser.waitForText(By.cssSelector("main h1"), "我的公积金");
        assertThat(browser.driver().getCurrentUrl()).startsWith(browser.origin() + "/h5/");
    }

    @Test
    void elderModeIsOneTapAwayAndKeptForTheTab() {
        browser.get("/h5/login");
        browser.waitFor(By.id("login-member"));
        String normal = (String) browser.script("return getComputedStyle(document.querySelector('main h1')).fontSize");
        browser.click(By.id("elder-toggle"));
        browser.waitUntil(d -> (Boolean) browser.script("return document.documentElement.classList.contains('elder')"));
        assertThat(browser.driver().findElement(By.id("elder-toggle")).getAttribute("aria-pressed")).isEqualTo("true");
        browser.get("/h5/login");
        browser.waitFor(By.id("login-member"));
        String elder = (String) browser.script("return getComputedStyle(document.querySelector('main h1')).fontSize");
        assertThat(browser.script("return document.documentElement.classList.contains('elder')")).isEqualTo(true);
        assertThat(Double.parseDouble(elder.replace("px", ""))).isGreaterThan(Double.parseDouble(normal.replace("px", "")) * 1.2);
        browser.assertAccessible();
        browser.click(By.id("elder-toggle"));
        browser.waitUntil(d -> !(Boolean) browser.script("return document.documentElement.classList.contains('elder')"));
    }

    @Test
    void languageSwitchesToEnglishAndBack() {
        browser.get("/h5/login");
        browser.waitForText(By.cssSelector("main h1"), "登录");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-CN");
        browser.click(By.id("lang-toggle"));
        browser.waitForText(By.cssSelector("main h1"), "Sign in");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.driver().findElement(By.cssSelector("label[for=login-member]")).getText())
                .isEqualTo("Member number");
        browser.assertAccessible();
        browser.click(By.id("lang-toggle"));
        browser.waitForText(By.cssSelector("main h1"), "登录");
    }
}
