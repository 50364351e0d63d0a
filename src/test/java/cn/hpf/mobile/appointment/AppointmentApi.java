package cn.hpf.mobile.appointment;

import cn.hpf.mobile.support.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** The appointment calls the tests make, as a member's app would. */
final class AppointmentApi {

    private AppointmentApi() {
    }

    static Map<String, Object> body(String outletId, String service, OffsetDateTime slotStart) {
        return Map.of("outletId", outletId, "service", service, "slotStart", slotStart.toString());
    }

    /** A booking with a fresh Idempotency-Key. */
    static ValidatableResponse book(Fixtures.Member member, String outletId, String service, OffsetDateTime start) {
        return book(member, UUID.randomUUID().toString(), body(outletId, service, start));
    }

    static ValidatableResponse book(Fixtures.Member member, String key, Map<String, Object> body) {
        return member.api().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/v1/appointments").then();
    }
}
