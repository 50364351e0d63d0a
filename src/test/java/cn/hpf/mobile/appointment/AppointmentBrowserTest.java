package cn.hpf.mobile.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.browser.Browser;
import cn.hpf.mobile.support.browser.H5Member;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The member page's appointments: a slot booked (with an Idempotency-Key), seen in her list, and cancelled. */
@QuarkusTest
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppointmentBrowserTest {

    private static final String CENTRE = "xs-citizen-centre";
    private static final String ILLNESS = "WITHDRAW_SERIOUS_ILLNESS";

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

    private static JsonPath mine(Fixtures.Member m) {
        return m.api().get("/v1/me/appointments").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anAppointmentIsBookedSeenAndCancelled() {
        Fixtures.Member m = Fixtures.member().balance(0).withoutPurchaseContract().create();
        // Real time: next Monday is within the booking window and all its slots are still to come.
        LocalDate monday = LocalDate.now(Zones.SHANGHAI).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        H5Member.open(browser, m, "/h5/appointments");
        browser.waitForText(By.id("appt-mine"), "您还没有预约");

        Select service = new Select(browser.waitFor(By.id("appt-service")));
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#appt-service option[value=" + ILLNESS + "]")).isEmpty());
        service.selectByValue(ILLNESS);
        browser.waitUntil(d -> !d.findElements(By.cssSelector("#appt-outlet option[value=" + CENTRE + "]")).isEmpty());
        new Select(browser.driver().findElement(By.id("appt-outlet"))).selectByValue(CENTRE);
        new Select(browser.driver().findElement(By.id("appt-day"))).selectByValue(monday.toString());
        browser.click(By.id("appt-find"));

        WebElement free = browser.waitFor(By.cssSelector("#appt-slots input[name=slot]:not([disabled])"));
        String slotStart = free.getDomProperty("value");
        browser.click(By.cssSelector("label[for=" + free.getAttribute("id") + "]"));
        browser.click(By.id("appt-confirm"));
        browser.waitForText(By.id("appt-status"), "预约成功");
        browser.waitForText(By.id("appt-mine"), "已预约");

        JsonPath booked = mine(m);
        assertThat(booked.getList("items")).hasSize(1);
        assertThat(booked.getString("items[0].status")).isEqualTo("BOOKED");
        assertThat(booked.getString("items[0].outletId")).isEqualTo(CENTRE);
        assertThat(booked.getString("items[0].start")).isEqualTo(slotStart);
        assertThat(browser.driver().findElement(By.id("appt-mine")).getText()).contains("重大疾病", slotStart.substring(11, 16));
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
        browser.screenshot("h5-appointment");

        browser.click(By.cssSelector("#appt-mine .appt-cancel"));
        browser.click(By.cssSelector("#appt-mine .appt-cancel-yes"));
        browser.waitForText(By.id("appt-status"), "已取消预约");
        browser.waitForText(By.id("appt-mine"), "已取消");
        assertThat(mine(m).getString("items[0].status")).isEqualTo("CANCELLED");
        browser.assertAccessible();
        assertThat(browser.cspViolations()).isEmpty();
    }
}
