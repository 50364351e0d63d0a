package cn.hpf.mobile.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.account.EntryType;
import cn.hpf.mobile.account.LedgerRepository;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.Fixtures.Member;
import cn.hpf.mobile.support.browser.Browser;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/** The member's home, statements and withdrawal journey in a phone-sized chromium, against the real API. */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H5WithdrawalBrowserTest {

    static final String PAID_ZH = "钱已到您的银行卡";

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

    @AfterEach
    void payoutsFlow() {
        Api.asOperator().post("/v1/ops/payouts/resume").then().statusCode(200);
    }

    /** Signs a fresh member in and waits for her home. */
    Member signedIn() {
        Member m = Fixtures.member().withHistory().create();
        browser.get("/h5/login");
        browser.type(By.id("login-member"), m.memberNo());
        browser.type(By.id("login-password"), Api.PASSWORD);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.waitFor(By.id("balance"));
        return m;
    }

    /** From home to the RENT form with a passed sandbox face verification. */
    void rentFormWithFace(String yuan) {
        browser.click(By.id("go-withdraw"));
        browser.click(By.cssSelector("button[data-category=RENT]"));
        browser.type(By.id("withdraw-amount"), yuan);
        browser.click(By.id("face-simulate"));
        browser.waitForText(By.id("face-status"), "刷脸认证已通过");
    }

    @Test
    void withdrawWithTheSandboxFaceAndSeeItPaidLive() {
        Member m = signedIn();
        assertThat(browser.driver().findElement(By.id("account-status")).getText()).isEqualTo("正常");
        assertThat(browser.driver().findElement(By.id("last-deposit")).getText()).contains("月");
        browser.assertAccessible();

        browser.click(By.id("go-withdraw"));
        browser.waitFor(By.cssSelector("button[data-category=RENT]"));
        assertThat(browser.mainText()).contains("最多可提取");
        browser.assertAccessible();
        browser.click(By.cssSelector("button[data-category=RENT]"));
        browser.waitFor(By.id("withdraw-amount"));
        assertThat(browser.driver().findElement(By.id("face-sandbox-note")).getText()).contains("沙箱");
        assertThat(browser.driver().findElement(By.id("withdraw-submit")).isEnabled()).isFalse();
        browser.assertAccessible();
        browser.type(By.id("withdraw-amount"), "1500.00");
        browser.click(By.id("face-simulate"));
        browser.waitForText(By.id("face-status"), "刷脸认证已通过");

        // Payouts paused: the page shows the accepted withdrawal first, then PAID arrives on the open stream.
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "browser test"))
                .post("/v1/ops/payouts/pause").then().statusCode(200);
        browser.click(By.id("withdraw-submit"));
        browser.waitForText(By.id("withdraw-status"), "已受理");
        browser.assertAccessible();
        browser.script("window.__sameDocument = true");
        Api.asOperator().post("/v1/ops/payouts/resume").then().statusCode(200);
        browser.waitUntil(d -> PAID_ZH.equals(d.findElement(By.id("withdraw-status")).getText()), Duration.ofSeconds(30));
        assertThat(browser.script("return window.__sameDocument === true")).isEqualTo(true);
        browser.waitForText(By.id("withdraw-paid-at"), "到账时间");
        assertThat(browser.driver().findElement(By.id("withdraw-amount")).getText()).contains("租房").contains("1,500.00");
        assertThat(Db.queryString("SELECT status FROM withdrawal WHERE member_id = " + m.id())).isEqualTo("PAID");
        assertThat(Db.queryLong("SELECT amount_fen FROM withdrawal WHERE member_id = " + m.id())).isEqualTo(150_000L);
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        assertThat(browser.script("return sessionStorage.getItem('hpf.h5.withdraw.pending')")).isNull();
        browser.screenshot("h5-withdrawal-paid");
    }

    @Test
    void aPayoutTheBankRefusesShowsTheReasonAndWhatToDo() {
        Member m = signedIn();
        rentFormWithFace("200");
        Api.asOperator().contentType(ContentType.JSON).body(Map.of("reason", "browser test"))
                .post("/v1/ops/payouts/pause").then().statusCode(200);
        browser.click(By.id("withdraw-submit"));
        browser.waitForText(By.id("withdraw-status"), "已受理");
        String id = Db.queryString("SELECT id::text FROM withdrawal WHERE member_id = " + m.id());
        Db.exec("INSERT INTO sandbox_bank_script (withdrawal_id, outcome, reason_code) VALUES ('" + id
                + "', 'REJECTED', 'CARD_CLOSED')");
        Api.asOperator().post("/v1/ops/payouts/resume").then().statusCode(200);
        browser.waitForText(By.id("withdraw-status"), "付款没有成功");
        assertThat(browser.driver().findElement(By.id("withdraw-reason")).getText()).contains("收款银行卡已销户");
        assertThat(browser.mainText()).contains("可用余额").contains("重新申请").doesNotContain("CARD_CLOSED");
        browser.assertAccessible();
    }

    @Test
    void anAnswerLostOnTheWayIsRetriedWithTheSameKeyAndMakesOneWithdrawal() throws Exception {
        Member m = signedIn();
        rentFormWithFace("800");
        var lost = browser.loseAnswers("POST", "*/v1/withdrawals", 1);
        try {
            browser.click(By.id("withdraw-submit"));
            browser.waitForText(By.id("withdraw-error"), "网络中断");
        } finally {
            browser.stopLosingAnswers();
        }
        assertThat(lost.get()).isEqualTo(1);
        // The server made it; the page does not know.
        assertThat(Fixtures.withdrawals(m)).isEqualTo(1);
        assertThat(browser.driver().findElement(By.id("withdraw-retry")).isDisplayed()).isTrue();
        assertThat(browser.mainText()).doesNotContain("NETWORK").doesNotContain("Error");
        browser.assertAccessible();
        browser.screenshot("h5-withdrawal-answer-lost");
        String key = (String) browser.script(
                "return JSON.parse(sessionStorage.getItem('hpf.h5.withdraw.pending')).key");
        assertThat(key).isNotBlank();

        browser.click(By.id("withdraw-retry"));
        browser.waitUntil(d -> PAID_ZH.equals(d.findElement(By.id("withdraw-status")).getText()), Duration.ofSeconds(30));
        String id = Db.queryString("SELECT id::text FROM withdrawal WHERE member_id = " + m.id());
        assertThat(browser.driver().getCurrentUrl()).endsWith("/h5/withdraw?id=" + id);
        assertThat(Fixtures.withdrawals(m)).isEqualTo(1);
        Api.as(m.memberNo()).get("/v1/me/withdrawals").then().statusCode(200).body("items.size()", equalTo(1));
        assertThat(browser.script("return sessionStorage.getItem('hpf.h5.withdraw.pending')")).isNull();
    }

    @Test
    void aPendingSubmissionSurvivesAReloadAndIsRetriedWithItsKey() {
        Member m = signedIn();
        rentFormWithFace("300");
        browser.loseAnswers("POST", "*/v1/withdrawals", 1);
        try {
            browser.click(By.id("withdraw-submit"));
            browser.waitFor(By.id("withdraw-retry"));
        } finally {
            browser.stopLosingAnswers();
        }
        browser.get("/h5/withdraw");
        browser.waitFor(By.id("withdraw-retry"));
        browser.click(By.id("withdraw-retry"));
        browser.waitUntil(d -> PAID_ZH.equals(d.findElement(By.id("withdraw-status")).getText()), Duration.ofSeconds(30));
        assertThat(Fixtures.withdrawals(m)).isEqualTo(1);
    }

    @Test
    void aRefusalIsShownInWordsAndForgetsTheKey() {
        Member m = signedIn();
        browser.click(By.id("go-withdraw"));
        browser.click(By.cssSelector("button[data-category=RENT]"));
        browser.click(By.id("face-simulate"));
        browser.waitForText(By.id("face-status"), "刷脸认证已通过");
        // Above the most the page allows: refused on the page, nothing sent.
        browser.type(By.id("withdraw-amount"), "99999999");
        browser.click(By.id("withdraw-submit"));
        browser.waitForText(By.id("withdraw-error"), "请输入");
        assertThat(Fixtures.withdrawals(m)).isZero();
        assertThat(browser.script("return sessionStorage.getItem('hpf.h5.withdraw.pending')")).isNull();
        browser.assertAccessible();
    }

    @Test
    void statementsAreNewestFirstAndLoadMoreOnScroll() {
        Member m = signedIn();
        LedgerRepository ledger = Arc.container().instance(LedgerRepository.class).get();
        for (int i = 1; i <= 25; i++) {
            ledger.post(m.id(), EntryType.TRANSFER_IN, 100L * i, "转入 browser test " + i, "browser:" + m.id() + ":" + i,
                    Caller.system("fixture")).await().atMost(Duration.ofSeconds(10));
        }
        long total = Db.queryLong("SELECT count(*) FROM ledger_entry WHERE member_id = " + m.id());
        assertThat(total).isGreaterThan(20);
        browser.get("/h5/statements");
        browser.waitUntil(d -> d.findElements(By.cssSelector("#entries li")).size() >= 20);
        String first = browser.driver().findElement(By.cssSelector("#entries li .amount")).getText();
        assertThat(first).contains("25.00"); // the newest entry
        browser.assertAccessible();
        browser.waitUntil(d -> {
            browser.script("window.scrollTo(0, document.body.scrollHeight)");
            return d.findElements(By.cssSelector("#entries li")).size() == total;
        });
        browser.waitForText(By.id("statements-status"), "没有更早的记录了");
    }

    @Test
    void elderModeShowsTheFiguresLargeAndFewerItems() {
        signedIn();
        double normal = fontPx("#balance");
        double normalText = fontPx(".hello");
        browser.click(By.id("elder-toggle"));
        browser.waitUntil(d -> fontPx(".hello") > normalText * 1.3);
        assertThat(fontPx("#balance")).isGreaterThan(normal * 1.2);
        assertThat(browser.driver().findElements(By.cssSelector(".nav li.secondary")))
                .allSatisfy(e -> assertThat(e.isDisplayed()).isFalse());
        assertThat(browser.driver().findElement(By.id("balance")).isDisplayed()).isTrue();
        browser.assertAccessible();
        browser.screenshot("h5-home-elder");
        browser.click(By.id("go-withdraw"));
        browser.waitFor(By.cssSelector("button[data-category=RENT]"));
        browser.assertAccessible();
        browser.click(By.id("elder-toggle"));
    }

    double fontPx(String css) {
        String px = (String) browser.script("return getComputedStyle(document.querySelector(arguments[0])).fontSize", css);
        return Double.parseDouble(px.replace("px", ""));
    }

    @Test
    void theJourneyReadsInEnglishAfterTheSwitch() {
        signedIn();
        browser.click(By.id("lang-toggle"));
        browser.waitForText(By.cssSelector("main h1"), "My provident fund");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("en");
        browser.click(By.id("go-withdraw"));
        browser.waitForText(By.cssSelector("main h2"), "What you can withdraw now");
        browser.click(By.cssSelector("button[data-category=RENT]"));
        browser.waitForText(By.id("face-simulate"), "Simulate face verification");
        assertThat(browser.driver().findElement(By.id("face-sandbox-note")).getText()).contains("sandbox");
        browser.assertAccessible();
        browser.click(By.id("lang-toggle"));
        browser.waitForText(By.cssSelector("main h1"), "提取公积金");
    }

    @Test
    void theFirstLoadOfThePageTransfersUnder300Kb() {
        signedIn();
        browser.disableCache();
        try {
            browser.get("/h5/");
            browser.waitFor(By.id("balance"));
            long bytes = browser.transferredBytes();
            assertThat(bytes).isPositive().isLessThan(300 * 1024);
        } finally {
            browser.cdp("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        }
    }
}
