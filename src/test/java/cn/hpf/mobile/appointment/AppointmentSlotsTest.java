package cn.hpf.mobile.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.hpf.mobile.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /v1/appointments/slots: 30-minute slots within the opening hours, from now on, with their seats. */
@QuarkusTest
class AppointmentSlotsTest {

    private static final String CENTRE = "xs-citizen-centre";
    /** Seeded at 3 a slot at the citizen centre; no test changes it. */
    private static final String ILLNESS = "WITHDRAW_SERIOUS_ILLNESS";

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static JsonPath slots(String outletId, String service, Object date) {
        return given().queryParam("outletId", outletId).queryParam("service", service).queryParam("date", String.valueOf(date))
                .get("/v1/appointments/slots").then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    @Test
    void aWeekdayHasFourteenSlotsWithinTheHoursAroundTheLunchBreak() {
        LocalDate monday = AppointmentDays.freshMonday();
        JsonPath page = slots(CENTRE, ILLNESS, monday);
        List<String> starts = page.getList("items.start");
        assertThat(starts).hasSize(14);
        assertThat(starts.get(0)).isEqualTo(monday + "T08:30:00+08:00");
        assertThat(page.getString("items[0].end")).isEqualTo(monday + "T09:00:00+08:00");
        assertThat(starts.get(6)).isEqualTo(monday + "T11:30:00+08:00");
        assertThat(page.getString("items[6].end")).isEqualTo(monday + "T12:00:00+08:00");
        assertThat(starts.get(7)).isEqualTo(monday + "T13:30:00+08:00");
        assertThat(page.getString("items[13].end")).isEqualTo(monday + "T17:00:00+08:00");
        assertThat(page.getList("items.capacity", Integer.class)).containsOnly(3);
        assertThat(page.getList("items.remaining", Integer.class)).containsOnly(3);
    }

    @Test
    void saturdayHasTheMorningOnlyAndSundayNothing() {
        LocalDate monday = AppointmentDays.freshMonday();
        List<String> saturday = slots(CENTRE, ILLNESS, monday.plusDays(5)).getList("items.start");
        assertThat(saturday).hasSize(6).first().isEqualTo(monday.plusDays(5) + "T09:00:00+08:00");
        assertThat(slots(CENTRE, ILLNESS, monday.plusDays(6)).getList("items")).isEmpty();
        // The town outlets do not open on Saturdays.
        assertThat(slots("xs-guali", ILLNESS, monday.plusDays(5)).getList("items")).isEmpty();
    }

    @Test
    void slotsThatHaveStartedAreNotOffered() {
        LocalDate monday = AppointmentDays.freshMonday();
        AppointmentDays.at(monday, LocalTime.of(10, 5));
        List<String> starts = slots(CENTRE, ILLNESS, monday).getList("items.start");
        assertThat(starts).hasSize(10).first().isEqualTo(monday + "T10:30:00+08:00");
        AppointmentDays.at(monday, LocalTime.of(17, 0));
        assertThat(slots(CENTRE, ILLNESS, monday).getList("items")).isEmpty();
    }

    @Test
    void remainingCountsTheSeatsTaken() {
        LocalDate monday = AppointmentDays.freshMonday();
        var member = cn.hpf.mobile.support.Fixtures.member().balance(0).withoutPurchaseContract().create();
        AppointmentApi.book(member, CENTRE, ILLNESS, AppointmentDays.slot(monday, 9, 0)).statusCode(201);
        JsonPath page = slots(CENTRE, ILLNESS, monday);
        assertThat(page.getInt("items.find { it.start == '" + monday + "T09:00:00+08:00' }.remaining")).isEqualTo(2);
        assertThat(page.getInt("items.find { it.start == '" + monday + "T09:30:00+08:00' }.remaining")).isEqualTo(3);
    }

    @Test
    void unknownOutletOrServiceOnlineServicesAndServicesNotHandledThereAreRefusedNamingTheField() {
        LocalDate monday = AppointmentDays.freshMonday();
        problem("nowhere", ILLNESS, monday.toString(), 404, "OUTLET_NOT_FOUND", "outletId");
        problem(CENTRE, "NO_SUCH_SERVICE", monday.toString(), 404, "SERVICE_NOT_FOUND", "service");
        problem(CENTRE, "WITHDRAW_RENT", monday.toString(), 422, "SERVICE_ONLINE", "service")
                .body("detail", containsString("online"));
        problem("xs-guali", "LOAN_COMBINED", monday.toString(), 422, "SERVICE_NOT_AT_OUTLET", "service");
    }

    @Test
    void missingMalformedPastOrFarDatesAreRefusedNamingTheField() {
        LocalDate monday = AppointmentDays.freshMonday();
        problem(CENTRE, ILLNESS, null, 400, "INVALID_PARAMETER", "date");
        problem(CENTRE, ILLNESS, "03/12/2026", 400, "INVALID_PARAMETER", "date");
        problem(CENTRE, ILLNESS, monday + "x", 400, "INVALID_PARAMETER", "date");
        problem(CENTRE, ILLNESS, monday.minusDays(1).toString(), 400, "INVALID_PARAMETER", "date");
        problem(CENTRE, ILLNESS, monday.plusDays(31).toString(), 400, "INVALID_PARAMETER", "date");
        assertThat(slots(CENTRE, ILLNESS, monday.plusDays(30)).getList("items")).hasSize(
                monday.plusDays(30).getDayOfWeek().getValue() == 7 ? 0
                        : monday.plusDays(30).getDayOfWeek().getValue() == 6 ? 6 : 14);
        problem(null, ILLNESS, monday.toString(), 400, "INVALID_PARAMETER", "outletId");
        problem(CENTRE, " ", monday.toString(), 400, "INVALID_PARAMETER", "service");
    }

    private static io.restassured.response.ValidatableResponse problem(String outletId, String service, String date,
                                                                        int status, String code, String field) {
        var request = given();
        if (outletId != null) {
            request.queryParam("outletId", outletId);
        }
        if (service != null) {
            request.queryParam("service", service);
        }
        if (date != null) {
            request.queryParam("date", date);
        }
        return request.get("/v1/appointments/slots").then().statusCode(status)
                .contentType("application/problem+json").body("code", equalTo(code)).body("field", equalTo(field));
    }
}
