package cn.hpf.mobile.appointment;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppointmentRequest", description = "A slot to book, as GET /v1/appointments/slots lists it.")
public record AppointmentRequest(
        @Schema(required = true, examples = "xs-citizen-centre") String outletId,
        @Schema(required = true, description = "A service code of the guide whose mode is APPOINTMENT or COUNTER",
                examples = "WITHDRAW_SERIOUS_ILLNESS") String service,
        @Schema(required = true, format = "date-time", description = "The slot's start, with its offset",
                examples = "2026-12-03T08:30:00+08:00") OffsetDateTime slotStart) {
}
