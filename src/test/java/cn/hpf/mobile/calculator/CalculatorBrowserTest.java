package cn.hpf.mobile.calculator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.browser.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The member page's calculator: both methods, the figures the API computes, the schedule as table and chart. */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalculatorBrowserTest {

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

    /** The first-home rate in force for 30 years, as the page shows it: percent, trailing zeros dropped. */
    private static String rateInForce() {
        List<Map<String, Object>> rates = given().get("/v1/calculator/rates").then().statusCode(200)
                .extract().jsonPath().getList("rates");
        Object rate = rates.stream().filter(r -> "FIRST_HOME".equals(r.get("homeType"))
                        && ((Number) r.get("termToMonths")).intValue() >= 360).findFirst().orElseThrow().get("annualRate");
        return new BigDecimal(rate.toString()).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    private static JsonPath plan(String rate, String method) {
        return given().queryParam("principalFen", 100_000_000L)
                .queryParam("annualRate", new BigDecimal(rate).movePointLeft(2).toPlainString())
                .queryParam("termMonths", 360).queryParam("method", method).get("/v1/calculator/monthly-payment")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void bothMethodsWithTheScheduleAsATableAndAChart() {
        browser.get("/h5/calculator");
        browser.waitFor(By.id("calc-amount"));
        String rate = rateInForce();
        browser.waitUntil(d -> rate.equals(d.findElement(By.id("calc-rate")).getDomProperty("value")));

        browser.type(By.id("calc-amount"), "abc");
        browser.click(By.id("calc-submit"));
        browser.waitForText(By.cssSelector("form .error"), "请输入 0.1 到 10000 之间的贷款金额");

        browser.type(By.id("calc-amount"), "100");
        browser.click(By.id("calc-submit"));
        JsonPath equal = plan(rate, "EQUAL_INSTALMENT");
        browser.waitForText(By.id("calc-summary"), money(equal.getLong("firstPaymentFen")));
        assertThat(browser.driver().findElement(By.id("calc-summary")).getText())
                .contains("每月还款", money(equal.getLong("totalInterestFen")), money(equal.getLong("totalPaymentFen")));
        WebElement chart = browser.waitFor(By.id("calc-chart"));
        assertThat(chart.getAttribute("role")).isEqualTo("img");
        assertThat(chart.findElements(By.tagName("path"))).hasSize(2);
        assertThat(browser.driver().findElement(By.id("calc-chart-desc")).getAttribute("textContent"))
                .contains("共 360 期");
        assertThat(browser.driver().findElements(By.cssSelector("#calc-schedule tbody tr"))).hasSize(12);
        browser.click(By.id("calc-show-all"));
        browser.waitUntil(d -> d.findElements(By.cssSelector("#calc-schedule tbody tr")).size() == 360);
        browser.assertAccessible();

        browser.click(By.cssSelector("label[for=calc-EQUAL_PRINCIPAL]"));
        browser.click(By.id("calc-submit"));
        JsonPath principal = plan(rate, "EQUAL_PRINCIPAL");
        browser.waitForText(By.id("calc-summary"), money(principal.getLong("lastPaymentFen")));
        assertThat(browser.driver().findElement(By.id("calc-summary")).getText())
                .contains("首月还款", money(principal.getLong("firstPaymentFen")), "末月还款",
                        money(principal.getLong("totalInterestFen")));
        assertThat(principal.getLong("totalInterestFen")).isLessThan(equal.getLong("totalInterestFen"));
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.script("window.scrollTo(0, document.getElementById('calc-result').offsetTop)");
        browser.screenshot("h5-calculator");

        // English and elder mode, one tap each: the schedule table is secondary there, the chart is not.
        browser.click(By.id("lang-toggle"));
        browser.waitForText(By.cssSelector("main h1"), "Loan calculator");
        browser.click(By.id("elder-toggle"));
        browser.waitFor(By.id("calc-amount"));
        browser.type(By.id("calc-amount"), "100");
        browser.click(By.id("calc-submit"));
        browser.waitForText(By.id("calc-summary"), "Monthly payment");
        assertThat(browser.waitFor(By.id("calc-chart")).isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.id("calc-schedule")).isDisplayed()).isFalse();
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.click(By.id("elder-toggle"));
        browser.click(By.id("lang-toggle"));
    }
}
