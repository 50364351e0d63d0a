package cn.hpf.mobile.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.browser.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The operators' console in headless chromium at 1440×900: sign in, the figures and charts follow a withdrawal made
 * through the API within seconds, pause and resume from the console are what GET /v1/ops/switches says, English is
 * one tap away; no serious accessibility violation and no CSP violation on the way.
 */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsConsoleBrowserTest {

    /** The live feed sends every 2 s; the console redraws on each event. */
    private static final Duration LIVE = Duration.ofSeconds(10);

    @TestHTTPResource("/ops/")
    URL ops;

    Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.desktop(ops);
    }

    @AfterEach
    void resume() {
        Api.asOperator().post("/v1/ops/admissions/resume").then().statusCode(200);
        Api.asOperator().post("/v1/ops/payouts/resume").then().statusCode(200);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void signInShowsTheConsoleAndAWithdrawalMadeThroughTheApiWithinSeconds() {
        browser.get("/ops/");
        browser.waitForText(By.id("login-title"), "运营人员登录");
        browser.assertAccessible();
        browser.type(By.id("username"), "ops");
        browser.type(By.id("password"), "wrong password");
        browser.click(By.id("login-submit"));
        // The problem's detail, never its code.
        assertThat(browser.waitFor(By.id("login-error")).getText()).isNotBlank().doesNotContain("INVALID_CREDENTIALS");
        browser.type(By.id("password"), "Ops@2026");
        browser.click(By.id("login-submit"));

        browser.waitUntil(d -> browser.script("return document.documentElement.dataset.charts") != null);
        browser.waitUntil(d -> digits(d.findElement(By.id("kpi-count-value")).getText()) >= 0);
        browser.waitUntil(d -> d.findElement(By.id("chart-per-minute")).getAttribute("data-total") != null);
        assertThat(browser.script("return document.querySelectorAll('.chart canvas').length")).isEqualTo(6L);
        long count = digits(browser.driver().findElement(By.id("kpi-count-value")).getText());
        long drawn = Long.parseLong(browser.driver().findElement(By.id("chart-per-minute")).getAttribute("data-total"));

        Fixtures.withdrawal(Fixtures.member(500_000)).amount(12_300).admit();

        browser.waitUntil(d -> digits(d.findElement(By.id("kpi-count-value")).getText()) == count + 1, LIVE);
        browser.waitUntil(d -> Long.parseLong(d.findElement(By.id("chart-per-minute")).getAttribute("data-total"))
                >= drawn + 1, LIVE);
        assertThat(browser.driver().findElement(By.id("live")).getText()).contains("实时");
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.screenshot("ops-console");
    }

    @Test
    @Order(2)
    void pauseAndResumeFromTheConsoleAreTheClusterSwitches() {
        browser.waitFor(By.id("switch-admissions-button"));
        browser.waitUntil(d -> "false".equals(d.findElement(By.id("switch-admissions")).getAttribute("data-paused")));

        // Cancelled: nothing is sent.
        browser.click(By.id("switch-admissions-button"));
        browser.waitFor(By.id("confirm-ok"));
        browser.assertAccessible();
        browser.click(By.id("confirm-cancel"));
        assertThat(switches().getBoolean("admissions.paused")).isFalse();

        browser.click(By.id("switch-admissions-button"));
        browser.type(By.id("confirm-reason"), "浏览器测试：银行维护窗口");
        browser.click(By.id("confirm-ok"));
        browser.waitUntil(d -> "true".equals(d.findElement(By.id("switch-admissions")).getAttribute("data-paused")));
        browser.waitForText(By.id("switch-admissions-state"), "已暂停");
        JsonPath paused = switches();
        assertThat(paused.getBoolean("admissions.paused")).isTrue();
        assertThat(paused.getString("admissions.reason")).isEqualTo("浏览器测试：银行维护窗口");
        assertThat(paused.getBoolean("payouts.paused")).isFalse();
        browser.waitForText(By.id("switch-admissions-detail"), "浏览器测试：银行维护窗口");
        browser.assertAccessible();
        browser.screenshot("ops-console-paused");

        browser.click(By.id("switch-admissions-button"));
        browser.click(By.id("confirm-ok"));
        browser.waitUntil(d -> "false".equals(d.findElement(By.id("switch-admissions")).getAttribute("data-paused")));
        assertThat(switches().getBoolean("admissions.paused")).isFalse();

        browser.click(By.id("switch-payouts-button"));
        browser.click(By.id("confirm-ok"));
        browser.waitUntil(d -> "true".equals(d.findElement(By.id("switch-payouts")).getAttribute("data-paused")));
        assertThat(switches().getBoolean("payouts.paused")).isTrue();
        browser.click(By.id("switch-payouts-button"));
        browser.click(By.id("confirm-ok"));
        browser.waitUntil(d -> "false".equals(d.findElement(By.id("switch-payouts")).getAttribute("data-paused")));
        assertThat(switches().getBoolean("payouts.paused")).isFalse();

        // A pause made elsewhere (another operator, another replica) shows here by the live feed.
        Api.asOperator().post("/v1/ops/payouts/pause").then().statusCode(200);
        browser.waitUntil(d -> "true".equals(d.findElement(By.id("switch-payouts")).getAttribute("data-paused")), LIVE);
        Api.asOperator().post("/v1/ops/payouts/resume").then().statusCode(200);
        browser.waitUntil(d -> "false".equals(d.findElement(By.id("switch-payouts")).getAttribute("data-paused")), LIVE);
        assertThat(browser.cspViolations()).isEmpty();
    }

    @Test
    @Order(3)
    void englishIsOneTapAway() {
        browser.click(By.id("lang"));
        browser.waitForText(By.id("title"), "Operations Console");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        browser.waitForText(By.id("switch-admissions-state"), "Open");
        browser.waitUntil(d -> browser.script("return document.documentElement.dataset.charts") != null);
        browser.assertAccessible();
        browser.click(By.id("lang"));
        browser.waitForText(By.id("title"), "运营控制台");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-CN");
        assertThat(browser.cspViolations()).isEmpty();
    }

    private static JsonPath switches() {
        return Api.asOperator().get("/v1/ops/switches").then().statusCode(200).extract().jsonPath();
    }

    /** The figure's digits (grouping separators dropped); -1 while it shows none. */
    private static long digits(String text) {
        String d = text.replaceAll("[^0-9]", "");
        return d.isEmpty() ? -1 : Long.parseLong(d);
    }
}
