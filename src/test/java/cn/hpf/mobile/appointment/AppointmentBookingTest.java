package cn.hpf.mobile.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.hpf.mobile.support.Api;
import cn.hpf.mobile.support.Db;
import cn.hpf.mobile.support.Fixtures;
import cn.hpf.mobile.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /v1/appointments, the member's list, cancelling and the calendar entry. */
@QuarkusTest
class AppointmentBookingTest {

    private static final String CENTRE = "xs-citizen-centre";
    private static final String GUALI = "xs-guali";
    /** 3 a slot at the citizen centre, 2 at Guali (seeded; no test changes them). */
    private static final String ILLNESS = "WITHDRAW_SERIOUS_ILLNESS";
    private static final String RENOVATE = "WITHDRAW_BUILD_RENOVATE";

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static Fixtures.Member member() {
        return Fixtures.member().balance(0).withoutPurchaseContract().create();
    }

    private static int remaining(String outletId, String service, OffsetDateTime start) {
        return given().queryParam("outletId", outletId).queryParam("service", service)
                .queryParam("date", start.toLocalDate().toString()).get("/v1/appointments/slots")
                .then().statusCode(200).extract().jsonPath()
                .getInt("items.find { it.start == '" + start.toLocalDateTime() + ":00+08:00' }.remaining");
    }

    @Test
    void aBookingIsAnsweredOnceAndReplayedForTheSameKeyAndBody() {
        LocalDate monday = AppointmentDays.freshMonday();
        Fixtures.Member m = member();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = AppointmentApi.body(CENTRE, ILLNESS, AppointmentDays.slot(monday, 8, 30));
        ExtractableResponse<Response> first = AppointmentApi.book(m, key, body).statusCode(201)
                .contentType(ContentType.JSON)
                .body("outletId", equalTo(CENTRE)).body("service", equalTo(ILLNESS))
                .body("start", equalTo(monday + "T08:30:00+08:00")).body("end", equalTo(monday + "T09:00:00+08:00"))
                .body("status", equalTo("BOOKED")).extract();
        String id = first.path("id");
        assertThat(UUID.fromString(id)).isNotNull();

        ExtractableResponse<Response> again = AppointmentApi.book(m, key, body).statusCode(201).extract();
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        AppointmentApi.book(m, key, AppointmentApi.body(CENTRE, ILLNESS, AppointmentDays.slot(monday, 9, 0)))
                .statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        m.api().contentType(ContentType.JSON).body(body).post("/v1/appointments")
                .then().statusCode(400).body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"));
        assertThat(Db.queryLong("SELECT count(*) FROM appointment WHERE member_id = " + m.id())).isEqualTo(1);
        assertThat(remaining(CENTRE, ILLNESS, AppointmentDays.slot(monday, 8, 30))).isEqualTo(2);
    }

    @Test
    void aMemberHoldsOneActiveBookingPerServiceWhateverTheOutlet() {
        LocalDate monday = AppointmentDays.freshMonday();
        Fixtures.Member m = member();
        String id = AppointmentApi.book(m, CENTRE, ILLNESS, AppointmentDays.slot(monday, 9, 0)).statusCode(201)
                .extract().path("id");
        AppointmentApi.book(m, GUALI, ILLNESS, AppointmentDays.slot(monday.plusDays(1), 9, 0)).statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("APPOINTMENT_EXISTS"))
                .body("field", equalTo("service"));
        AppointmentApi.book(m, GUALI, RENOVATE, AppointmentDays.slot(monday.plusDays(1), 9, 0)).statusCode(201);

        m.api().delete("/v1/appointments/" + id).then().statusCode(200);
        AppointmentApi.book(m, GUALI, ILLNESS, AppointmentDays.slot(monday.plusDays(1), 9, 0)).statusCode(201);
    }

    @Test
    void aFullSlotIsRefusedAndACancellationFreesItsSeatOnce() {
        LocalDate monday = AppointmentDays.freshMonday();
        OffsetDateTime slot = AppointmentDays.slot(monday, 14, 0);
        Fixtures.Member first = member();
        String firstId = AppointmentApi.book(first, CENTRE, ILLNESS, slot).statusCode(201).extract().path("id");
        AppointmentApi.book(member(), CENTRE, ILLNESS, slot).statusCode(201);
        AppointmentApi.book(member(), CENTRE, ILLNESS, slot).statusCode(201);
        assertThat(remaining(CENTRE, ILLNESS, slot)).isZero();
        Fixtures.Member late = member();
        AppointmentApi.book(late, CENTRE, ILLNESS, slot).statusCode(409).body("code", equalTo("SLOT_FULL"))
                .body("field", equalTo("slotStart"));

        first.api().delete("/v1/appointments/" + firstId).then().statusCode(200)
                .body("id", equalTo(firstId)).body("status", equalTo("CANCELLED"));
        assertThat(remaining(CENTRE, ILLNESS, slot)).isEqualTo(1);
        // Cancelling again changes nothing: the same answer, the seat not freed twice.
        first.api().delete("/v1/appointments/" + firstId).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(remaining(CENTRE, ILLNESS, slot)).isEqualTo(1);
        AppointmentApi.book(late, CENTRE, ILLNESS, slot).statusCode(201);
        AppointmentApi.book(member(), CENTRE, ILLNESS, slot).statusCode(409).body("code", equalTo("SLOT_FULL"));
        assertThat(Db.queryLong("SELECT booked FROM appointment_slot WHERE outlet_id = '" + CENTRE
                + "' AND service_code = '" + ILLNESS + "' AND starts_at = '" + slot + "'")).isEqualTo(3);
    }

    @Test
    void slotsThatDoNotExistHaveStartedOrLieBeyondTheWindowAreRefused() {
        LocalDate monday = AppointmentDays.freshMonday();
        AppointmentDays.at(monday, LocalTime.of(10, 5));
        Fixtures.Member m = member();
        refused(m, CENTRE, ILLNESS, AppointmentDays.slot(monday, 10, 0), 422, "SLOT_IN_PAST", "slotStart");
        refused(m, CENTRE, ILLNESS, AppointmentDays.slot(monday, 10, 45), 422, "SLOT_NOT_OFFERED", "slotStart");
        refused(m, CENTRE, ILLNESS, AppointmentDays.slot(monday, 12, 0), 422, "SLOT_NOT_OFFERED", "slotStart");
        refused(m, CENTRE, ILLNESS, AppointmentDays.slot(monday, 17, 0), 422, "SLOT_NOT_OFFERED", "slotStart");
        refused(m, CENTRE, ILLNESS, AppointmentDays.slot(monday.plusDays(6), 9, 0), 422, "SLOT_NOT_OFFERED",
                "slotStart").body("detail", containsString("Sunday"));
        refused(m, CENTRE, ILLNESS, AppointmentDays.slot(monday.plusDays(31), 9, 0), 422, "SLOT_NOT_OFFERED",
                "slotStart").body("detail", containsString("30 days"));
        refused(m, CENTRE, "WITHDRAW_RENT", AppointmentDays.slot(monday, 14, 0), 422, "SERVICE_ONLINE", "service");
        refused(m, GUALI, "LOAN_COMBINED", AppointmentDays.slot(monday, 14, 0), 422, "SERVICE_NOT_AT_OUTLET",
                "service");
        refused(m, "nowhere", ILLNESS, AppointmentDays.slot(monday, 14, 0), 404, "OUTLET_NOT_FOUND", "outletId");
        refused(m, CENTRE, "NOPE", AppointmentDays.slot(monday, 14, 0), 404, "SERVICE_NOT_FOUND", "service");
        // The same instant written in UTC is the same slot.
        AppointmentApi.book(m, UUID.randomUUID().toString(), Map.of("outletId", CENTRE, "service", ILLNESS,
                "slotStart", monday + "T06:00:00Z")).statusCode(201).body("start", equalTo(monday + "T14:00:00+08:00"));

        AppointmentApi.book(m, UUID.randomUUID().toString(), Map.of("outletId", CENTRE, "service", ILLNESS))
                .statusCode(400).body("code", equalTo("INVALID_PARAMETER")).body("field", equalTo("slotStart"));
        AppointmentApi.book(m, UUID.randomUUID().toString(), Map.of("outletId", CENTRE, "service", ILLNESS,
                "slotStart", "tomorrow at nine")).statusCode(400).body("field", equalTo("slotStart"));
        AppointmentApi.book(m, UUID.randomUUID().toString(), Map.of("service", ILLNESS,
                "slotStart", monday + "T14:00:00+08:00")).statusCode(400).body("field", equalTo("outletId"));
        assertThat(Db.queryLong("SELECT count(*) FROM appointment WHERE member_id = " + m.id())).isEqualTo(1);
    }

    private static io.restassured.response.ValidatableResponse refused(Fixtures.Member m, String outletId,
                                                                        String service, OffsetDateTime start,
                                                                        int status, String code, String field) {
        return AppointmentApi.book(m, outletId, service, start).statusCode(status)
                .contentType("application/problem+json").body("code", equalTo(code)).body("field", equalTo(field));
    }

    @Test
    void aMemberNeverSeesOrTouchesAnotherMembersAppointments() {
        LocalDate monday = AppointmentDays.freshMonday();
        Fixtures.Member owner = member();
        Fixtures.Member other = member();
        String id = AppointmentApi.book(owner, CENTRE, RENOVATE, AppointmentDays.slot(monday, 15, 0)).statusCode(201)
                .extract().path("id");
        owner.api().get("/v1/me/appointments").then().statusCode(200).body("items.id", hasItem(id));
        other.api().get("/v1/me/appointments").then().statusCode(200).body("items.id", not(hasItem(id)));
        other.api().delete("/v1/appointments/" + id).then().statusCode(404)
                .body("code", equalTo("APPOINTMENT_NOT_FOUND"));
        other.api().get("/v1/appointments/" + id + "/calendar.ics").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("APPOINTMENT_NOT_FOUND"));
        owner.api().get("/v1/appointments/" + UUID.randomUUID() + "/calendar.ics").then().statusCode(404);
        owner.api().delete("/v1/appointments/not-an-id").then().statusCode(404);
        given().get("/v1/me/appointments").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().delete("/v1/appointments/" + id).then().statusCode(401);
        Api.asOperator().get("/v1/me/appointments").then().statusCode(403);
        Api.asOperator().contentType(ContentType.JSON).header("Idempotency-Key", "k")
                .body(AppointmentApi.body(CENTRE, RENOVATE, AppointmentDays.slot(monday, 15, 0)))
                .post("/v1/appointments").then().statusCode(403);
        assertThat(Db.queryString("SELECT status FROM appointment WHERE id = '" + id + "'")).isEqualTo("BOOKED");
    }

    @Test
    void theListShowsLatestFirstAndAPassedBookingAsPastWhichNoLongerBlocksTheService() {
        LocalDate monday = AppointmentDays.freshMonday();
        Fixtures.Member m = member();
        String early = AppointmentApi.book(m, CENTRE, ILLNESS, AppointmentDays.slot(monday, 8, 30)).statusCode(201)
                .extract().path("id");
        String later = AppointmentApi.book(m, GUALI, RENOVATE, AppointmentDays.slot(monday.plusDays(2), 9, 0))
                .statusCode(201).extract().path("id");
        m.api().get("/v1/me/appointments").then().statusCode(200)
                .body("items.id", equalTo(java.util.List.of(later, early)))
                .body("items[1].status", equalTo("BOOKED"));

        AppointmentDays.at(monday, LocalTime.of(9, 15));
        m.api().get("/v1/me/appointments").then().body("items[1].status", equalTo("PAST"));
        m.api().delete("/v1/appointments/" + early).then().statusCode(409)
                .body("code", equalTo("APPOINTMENT_STARTED"));
        AppointmentApi.book(m, CENTRE, ILLNESS, AppointmentDays.slot(monday.plusDays(1), 9, 0)).statusCode(201);
        assertThat(Db.queryString("SELECT status FROM appointment WHERE id = '" + early + "'")).isEqualTo("PAST");
    }

    @Test
    void theCalendarEntryIsAnRfc5545EventOfTheAppointment() {
        LocalDate monday = AppointmentDays.freshMonday();
        Fixtures.Member m = member();
        String id = AppointmentApi.book(m, GUALI, RENOVATE, AppointmentDays.slot(monday.plusDays(3), 13, 30))
                .statusCode(201).extract().path("id");
        ExtractableResponse<Response> r = m.api().get("/v1/appointments/" + id + "/calendar.ics")
                .then().statusCode(200).extract();
        assertThat(r.contentType()).startsWith("text/calendar");
        String ics = new String(r.asByteArray(), StandardCharsets.UTF_8);
        IcsAssert.wellFormed(ics);
        String unfolded = IcsAssert.unfold(ics);
        String date = monday.plusDays(3).toString().replace("-", "");
        assertThat(unfolded).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
                .contains("\r\nBEGIN:VEVENT\r\n", "\r\nUID:appointment-" + id + "@hpf-mobile\r\n",
                        "\r\nDTSTART:" + date + "T053000Z\r\n", "\r\nDTEND:" + date + "T060000Z\r\n",
                        "\r\nSTATUS:CONFIRMED\r\n", "\r\nSUMMARY:公积金预约 建造翻建大修自住住房提取 HPF appointment: "
                                + "Withdrawal to build or renovate\r\n",
                        "\r\nLOCATION:瓜沥服务网点\\, 杭州市萧山区瓜沥镇航坞路 688 号瓜沥镇便民服务中心 1 楼\r\n")
                .containsPattern("\r\nDTSTAMP:\\d{8}T\\d{6}Z\r\n")
                .endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n");

        m.api().delete("/v1/appointments/" + id).then().statusCode(200);
        String cancelled = IcsAssert.unfold(m.api().get("/v1/appointments/" + id + "/calendar.ics").then()
                .statusCode(200).extract().asString());
        assertThat(cancelled).contains("\r\nSTATUS:CANCELLED\r\n", "\r\nSEQUENCE:1\r\n");
    }
}
