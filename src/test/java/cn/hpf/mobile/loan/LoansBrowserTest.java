package cn.hpf.mobile.loan;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.browser.Browser;
import cn.hpf.mobile.support.browser.H5Member;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/** The member page's loans: what is still owed and the next instalment, as the API states them. */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoansBrowserTest {

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

    static String money(long fen) {
        return String.format("¥%,d.%02d", fen / 100, fen % 100);
    }

    @Test
    void aLoanWithItsNextInstalment() {
        Fixtures.Member m = Fixtures.member().loan(60_000_000).create();
        JsonPath loan = m.api().get("/v1/me/loans").then().statusCode(200).extract().jsonPath();
        H5Member.open(browser, m, "/h5/loans");
        browser.waitForText(By.id("loans-list"), "下期还款");
        String text = browser.driver().findElement(By.id("loans-list")).getText();
        assertThat(text).contains("FIX-" + m.id(), "还款中", money(loan.getLong("[0].nextInstalment.totalFen")),
                "第 " + loan.getInt("[0].nextInstalment.period") + " 期", money(60_000_000), "3.1%");
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.screenshot("h5-loans");

        Fixtures.Member none = Fixtures.member(100_000);
        H5Member.open(browser, none, "/h5/loans");
        browser.waitForText(By.id("loans-list"), "您目前没有公积金贷款");
        browser.assertAccessible();
    }
}
