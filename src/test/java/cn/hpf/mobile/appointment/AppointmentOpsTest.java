package cn.hpf.mobile.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operators' capacities and closures, as the members then see them. */
@QuarkusTest
class AppointmentOpsTest {

    private static final String GUALI = "xs-guali";
    private static final String LINPU = "xs-linpu";
    /** Only this class changes the capacity of this service at Guali. */
    private static final String MORTGAGE_RELEASE = "LOAN_MORTGAGE_RELEASE";

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static Fixtures.Member member() {
        return Fixtures.member().balance(0).withoutPurchaseContract().create();
    }

    private static ValidatableResponse setCapacity(String outletId, Object body) {
        return Api.asOperator().contentType(ContentType.JSON).body(body)
                .put("/v1/ops/outlets/" + outletId + "/capacity").then();
    }

    private static ValidatableResponse close(String outletId, Object body) {
        return Api.asOperator().contentType(ContentType.JSON).body(body)
                .post("/v1/ops/outlets/" + outletId + "/closures").then();
    }

    private static JsonPath slots(String outletId, String service, LocalDate day) {
        return given().queryParam("outletId", outletId).queryParam("service", service)
                .queryParam("date", day.toString()).get("/v1/appointments/slots").then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Object> capacity(String service, int weekday, int perSlot) {
        return Map.of("service", service, "weekday", weekday, "capacityPerSlot", perSlot);
    }

    @Test
    void aLoweredCapacityKeepsTheBookingsMadeAndShowsNoSeatLeft() {
        LocalDate monday = AppointmentDays.freshMonday();
        LocalDate tuesday = monday.plusDays(1);
        OffsetDateTime slot = AppointmentDays.slot(tuesday, 9, 0);
        setCapacity(GUALI, Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 2, 2)))).statusCode(200);
        Fixtures.Member a = member();
        Fixtures.Member b = member();
        AppointmentApi.book(a, GUALI, MORTGAGE_RELEASE, slot).statusCode(201);
        AppointmentApi.book(b, GUALI, MORTGAGE_RELEASE, slot).statusCode(201);

        JsonPath table = setCapacity(GUALI, Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 2, 1),
                capacity(MORTGAGE_RELEASE, 3, 4)))).statusCode(200).body("outletId", equalTo(GUALI))
                .extract().jsonPath();
        assertThat(table.getInt("items.find { it.service == '" + MORTGAGE_RELEASE + "' && it.weekday == 2 }"
                + ".capacityPerSlot")).isEqualTo(1);
        assertThat(table.getInt("items.find { it.service == 'LOAN_APPLICATION' && it.weekday == 2 }"
                + ".capacityPerSlot")).as("rows not sent are unchanged").isEqualTo(2);
        JsonPath day = slots(GUALI, MORTGAGE_RELEASE, tuesday);
        assertThat(day.getList("items.capacity", Integer.class)).containsOnly(1);
        assertThat(day.getInt("items.find { it.start == '" + tuesday + "T09:00:00+08:00' }.remaining")).isZero();
        assertThat(slots(GUALI, MORTGAGE_RELEASE, monday.plusDays(2)).getList("items.capacity", Integer.class))
                .containsOnly(4);
        AppointmentApi.book(member(), GUALI, MORTGAGE_RELEASE, slot).statusCode(409)
                .body("code", equalTo("SLOT_FULL"));
        assertThat(Db.queryLong("SELECT count(*) FROM appointment WHERE service_code = '" + MORTGAGE_RELEASE
                + "' AND starts_at = '" + slot + "' AND status = 'BOOKED'")).isEqualTo(2);

        setCapacity(GUALI, Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 2, 3)))).statusCode(200);
        assertThat(slots(GUALI, MORTGAGE_RELEASE, tuesday)
                .getInt("items.find { it.start == '" + tuesday + "T09:00:00+08:00' }.remaining")).isEqualTo(1);

        setCapacity(GUALI, Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 2, 0)))).statusCode(200);
        assertThat(slots(GUALI, MORTGAGE_RELEASE, tuesday).getList("items")).isEmpty();
        AppointmentApi.book(member(), GUALI, MORTGAGE_RELEASE, AppointmentDays.slot(tuesday, 10, 0)).statusCode(422)
                .body("code", equalTo("SLOT_NOT_OFFERED")).body("detail", containsString("Tuesday"));
        setCapacity(GUALI, Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 2, 2)))).statusCode(200);
    }

    @Test
    void capacityRowsAreCheckedAndOnlyOperatorsSetThem() {
        setCapacity(GUALI, Map.of()).statusCode(400).body("field", equalTo("items"));
        setCapacity(GUALI, Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 8, 2)))).statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER")).body("field", equalTo("items[0].weekday"));
        setCapacity(GUALI, Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 1, 2),
                capacity(MORTGAGE_RELEASE, 1, -1)))).statusCode(400).body("field", equalTo("items[1].capacityPerSlot"));
        setCapacity(GUALI, Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 1, 2),
                capacity(MORTGAGE_RELEASE, 1, 3)))).statusCode(400).body("field", equalTo("items[1]"));
        setCapacity(GUALI, Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 1, 2), capacity("WITHDRAW_RENT", 1,
                2)))).statusCode(422).body("code", equalTo("SERVICE_ONLINE")).body("field", equalTo("items[1].service"));
        setCapacity(GUALI, Map.of("items", List.of(capacity("LOAN_COMBINED", 1, 2)))).statusCode(422)
                .body("code", equalTo("SERVICE_NOT_AT_OUTLET"));
        setCapacity(GUALI, Map.of("items", List.of(capacity("NOPE", 1, 2)))).statusCode(404)
                .body("code", equalTo("SERVICE_NOT_FOUND"));
        setCapacity("nowhere", Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 1, 2)))).statusCode(404)
                .body("code", equalTo("OUTLET_NOT_FOUND"));
        assertThat(Db.queryLong("SELECT capacity_per_slot FROM appointment_capacity WHERE outlet_id = '" + GUALI
                + "' AND service_code = '" + MORTGAGE_RELEASE + "' AND weekday = 1")).as("a refused request sets "
                + "nothing").isEqualTo(2);
        member().api().contentType(ContentType.JSON).body(Map.of("items", List.of(capacity(MORTGAGE_RELEASE, 1, 9))))
                .put("/v1/ops/outlets/" + GUALI + "/capacity").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("date", "2030-01-01", "reason", "x"))
                .post("/v1/ops/outlets/" + GUALI + "/closures").then().statusCode(401);
    }

    @Test
    void aClosureCancelsTheDaysBookingsAndTheMembersSeeWhy() {
        LocalDate monday = AppointmentDays.freshMonday();
        LocalDate tuesday = monday.plusDays(1);
        Fixtures.Member a = member();
        Fixtures.Member b = member();
        String loan = AppointmentApi.book(a, LINPU, "LOAN_APPLICATION", AppointmentDays.slot(tuesday, 9, 0))
                .statusCode(201).extract().path("id");
        String info = AppointmentApi.book(b, LINPU, "MEMBER_INFO_CHANGE", AppointmentDays.slot(tuesday, 16, 30))
                .statusCode(201).extract().path("id");
        String otherDay = AppointmentApi.book(a, LINPU, "MEMBER_INFO_CHANGE", AppointmentDays.slot(monday.plusDays(2),
                9, 0)).statusCode(201).extract().path("id");
        String reason = "台风停止办公 Closed for a typhoon";

        close(LINPU, Map.of("date", tuesday.toString(), "reason", reason)).statusCode(201)
                .body("outletId", equalTo(LINPU)).body("date", equalTo(tuesday.toString()))
                .body("reason", equalTo(reason)).body("cancelledAppointments", equalTo(2));

        a.api().get("/v1/me/appointments").then().statusCode(200)
                .body("items.find { it.id == '" + loan + "' }.status", equalTo("CANCELLED_BY_CENTRE"))
                .body("items.find { it.id == '" + loan + "' }.cancelReason", equalTo(reason))
                .body("items.find { it.id == '" + otherDay + "' }.status", equalTo("BOOKED"));
        b.api().get("/v1/me/appointments").then()
                .body("items.find { it.id == '" + info + "' }.cancelReason", equalTo(reason));
        assertThat(Db.queryLong("SELECT coalesce(sum(booked), 0) FROM appointment_slot WHERE outlet_id = '" + LINPU
                + "' AND starts_at >= '" + tuesday + "T00:00:00+08:00' AND starts_at < '" + monday.plusDays(2)
                + "T00:00:00+08:00'")).as("the seats are freed").isZero();

        assertThat(slots(LINPU, "LOAN_APPLICATION", tuesday).getList("items")).isEmpty();
        AppointmentApi.book(member(), LINPU, "LOAN_APPLICATION", AppointmentDays.slot(tuesday, 10, 0)).statusCode(422)
                .body("code", equalTo("OUTLET_CLOSED")).body("detail", containsString(reason));
        // The cancelled booking no longer blocks the service; cancelling it again changes nothing.
        a.api().delete("/v1/appointments/" + loan).then().statusCode(200)
                .body("status", equalTo("CANCELLED_BY_CENTRE"));
        AppointmentApi.book(a, "xs-citizen-centre", "LOAN_APPLICATION", AppointmentDays.slot(tuesday, 10, 0))
                .statusCode(201);

        close(LINPU, Map.of("date", tuesday.toString(), "reason", "again")).statusCode(409)
                .body("code", equalTo("OUTLET_ALREADY_CLOSED"));
        a.api().get("/v1/me/appointments").then().body("items.status", hasItem("CANCELLED_BY_CENTRE"));
    }

    @Test
    void aClosureTodayLeavesTheMorningsAppointmentsAsTheyWere() {
        LocalDate monday = AppointmentDays.freshMonday();
        Fixtures.Member early = member();
        Fixtures.Member late = member();
        String morning = AppointmentApi.book(early, GUALI, "VOLUNTARY_DEPOSIT_OPEN", AppointmentDays.slot(monday, 9, 0))
                .statusCode(201).extract().path("id");
        String afternoon = AppointmentApi.book(late, GUALI, "VOLUNTARY_DEPOSIT_OPEN",
                AppointmentDays.slot(monday, 14, 0)).statusCode(201).extract().path("id");
        AppointmentDays.at(monday, LocalTime.of(12, 10));
        close(GUALI, Map.of("date", monday.toString(), "reason", "停电 Power cut")).statusCode(201)
                .body("cancelledAppointments", equalTo(1));
        assertThat(Db.queryString("SELECT status FROM appointment WHERE id = '" + morning + "'")).isEqualTo("BOOKED");
        assertThat(Db.queryString("SELECT status FROM appointment WHERE id = '" + afternoon + "'"))
                .isEqualTo("CANCELLED_BY_CENTRE");
    }

    @Test
    void closuresAreChecked() {
        LocalDate monday = AppointmentDays.freshMonday();
        close(GUALI, Map.of("reason", "x")).statusCode(400).body("field", equalTo("date"));
        close(GUALI, Map.of("date", "next monday", "reason", "x")).statusCode(400).body("field", equalTo("date"));
        close(GUALI, Map.of("date", monday.minusDays(1).toString(), "reason", "x")).statusCode(400)
                .body("field", equalTo("date"));
        close(GUALI, Map.of("date", monday.toString(), "reason", " ")).statusCode(400)
                .body("field", equalTo("reason"));
        close(GUALI, Map.of("date", monday.toString(), "reason", "x".repeat(201))).statusCode(400)
                .body("field", equalTo("reason"));
        close("nowhere", Map.of("date", monday.toString(), "reason", "x")).statusCode(404)
                .body("code", equalTo("OUTLET_NOT_FOUND"));
        member().api().contentType(ContentType.JSON).body(Map.of("date", monday.toString(), "reason", "x"))
                .post("/v1/ops/outlets/" + GUALI + "/closures").then().statusCode(403);
        assertThat(Db.queryLong("SELECT count(*) FROM outlet_closure WHERE outlet_id = '" + GUALI + "' AND day = '"
                + monday + "'")).isZero();
    }
}
