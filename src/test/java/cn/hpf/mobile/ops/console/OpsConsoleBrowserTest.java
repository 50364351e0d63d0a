package cn.hpf.mobile.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.payout.PayoutDispatcher;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.browser.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
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
import org.openqa.selenium.WebElement;

/**
 * The operators' console in headless chromium at 1440×900: sign in, the figures and charts follow a withdrawal made
 * through the API within seconds, pause and resume from the console are what GET /v1/ops/switches says, English is
 * one tap away, an unknown payout is asked about and the bank statement reconciled; no serious accessibility
 * violation and no CSP violation on the way.
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

    @Inject
    PayoutDispatcher dispatcher;

    Browser browser;

    @BeforeAll
    void start() {
        browser = Browser.desktop(ops);
    }

    @AfterEach
    void resume() {
        silence(false);
        dispatcher.resume();
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

    @Test
    @Order(4)
    void anUnknownPayoutIsAskedAboutAndTheBankStatementReconciledFromTheConsole() {
        UUID id = unknownPayout();
        browser.click(By.cssSelector("#unknown .panel-head button"));
        By row = By.cssSelector("#unknown-table tr[data-withdrawal='" + id + "']");
        browser.waitFor(row);
        browser.assertAccessible();
        browser.click(By.cssSelector("#unknown-table tr[data-withdrawal='" + id + "'] button"));
        browser.waitForText(By.id("confirm-title"), "再次询问银行");
        browser.click(By.id("confirm-ok"));
        browser.waitForText(By.id("unknown-message"), id.toString());
        assertThat(browser.driver().findElement(By.id("unknown-message")).getText()).contains("PAID");
        browser.waitUntil(d -> d.findElements(row).isEmpty());
        assertThat(Fixtures.status(id)).isEqualTo("PAID");

        // A day without a statement file: the problem's detail, not its code.
        browser.script("document.getElementById('statement-date').value = '2001-01-01'");
        browser.click(By.id("statement-show"));
        WebElement none = browser.waitFor(By.cssSelector("#statement-result p.note"));
        assertThat(none.getText()).isNotBlank().doesNotContain("BANK_STATEMENT_NOT_AVAILABLE");

        // Today's file from the sandbox bank, reconciled on the operator's confirmation.
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Api.asOperator().post("/sandbox/bank/statements?date=" + today).then().statusCode(200);
        browser.script("document.getElementById('statement-date').value = arguments[0]", today);
        browser.click(By.id("statement-run"));
        browser.waitForText(By.id("confirm-title"), today);
        browser.click(By.id("confirm-ok"));
        WebElement verdict = browser.waitFor(By.id("statement-verdict"));
        JsonPath latest = Api.asOperator().get("/v1/ops/reconciliation/bank-statement?date=" + today).then()
                .statusCode(200).extract().jsonPath();
        assertThat(verdict.getText()).contains(latest.getBoolean("clean") ? "✓" : "✗");
        for (String withdrawal : latest.<String>getList("mismatches.withdrawalId")) {
            browser.waitFor(By.cssSelector("#statement-mismatches tr[data-withdrawal='" + withdrawal + "']"));
        }
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.screenshot("ops-console-work");
    }

    /** Sent to a silent bank and left unknown, its payout held so that only the operator's question settles it. */
    private UUID unknownPayout() {
        silence(true);
        try {
            UUID id = Fixtures.withdrawal(Fixtures.member(500_000)).amount(4_500).admit();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Api.asOperator().get("/v1/ops/payouts/unknown?limit=500").then().statusCode(200)
                            .extract().jsonPath().getList("items.withdrawalId").contains(id.toString()));
            dispatcher.pause();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> Db.queryLong(
                    "SELECT count(*) FROM payout_outbox WHERE withdrawal_id = '" + id + "' AND locked_by IS NULL") == 1);
            return id;
        } finally {
            silence(false);
        }
    }

    private static void silence(boolean silent) {
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("silent", silent)).put("/sandbox/bank/silence")
                .then().statusCode(200);
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
