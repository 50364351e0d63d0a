package cn.hpf.mobile.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.browser.Browser;
import cn.hpf.mobile.support.browser.H5Member;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The member page's transfers in: requested on the page, its status followed live to the platform's answer. */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransfersBrowserTest {

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
    void aTransferInIsRequestedAndItsStatusFollowedLive() {
        Fixtures.Member m = Fixtures.member(100_000);
        H5Member.open(browser, m, "/h5/transfers");
        browser.waitForText(By.id("transfers-list"), "您还没有转入申请");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#transfers-centre option[value='310000']")).isEmpty());
        new Select(browser.driver().findElement(By.id("transfers-centre"))).selectByValue("310000");
        // No such account at the origin: the sandbox platform rejects it a moment later, with the reason.
        browser.type(By.id("transfers-account"), "SH-NOBODY-" + m.id());
        browser.click(By.cssSelector("#transfers-new-h + form button[type=submit]"));
        browser.waitForText(By.id("transfers-list"), "未能转入");
        assertThat(browser.driver().findElement(By.id("transfers-list")).getText())
                .contains("上海", "转出地中心没有此账号");
        assertThat(m.api().get("/v1/me/transfers-in").then().statusCode(200).extract().jsonPath()
                .getList("items")).hasSize(1);
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.screenshot("h5-transfers");
    }
}
