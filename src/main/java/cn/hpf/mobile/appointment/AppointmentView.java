package cn.hpf.mobile.appointment;

import cn.hpf.mobile.common.Zones;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Appointment", description = "A booking at an outlet (times in +08:00).")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentView(
        @Schema(examples = "0b7e6a52-8f0e-4a7b-9a3c-5d2f1e8c4b10") UUID id,
        @Schema(examples = "xs-citizen-centre") String outletId,
        @Schema(examples = "WITHDRAW_SERIOUS_ILLNESS") String service,
        @Schema(format = "date-time", examples = "2026-12-03T08:30:00+08:00") OffsetDateTime start,
        @Schema(format = "date-time", examples = "2026-12-03T09:00:00+08:00") OffsetDateTime end,
        @Schema(description = "BOOKED; PAST once its time has passed; CANCELLED by the member; "
                + "CANCELLED_BY_CENTRE when the outlet closed that day (cancelReason says why)",
                enumeration = {"BOOKED", "PAST", "CANCELLED", "CANCELLED_BY_CENTRE"}, examples = "BOOKED")
        String status,
        @Schema(description = "Why the centre cancelled it", examples = "台风停止办公 Closed for a typhoon")
        String cancelReason) {

    static AppointmentView of(Appointment a, Instant now) {
        AppointmentStatus status = a.status == AppointmentStatus.BOOKED && !a.endsAt.isAfter(now)
                ? AppointmentStatus.PAST : a.status;
        return new AppointmentView(a.id, a.outletId, a.serviceCode, local(a.startsAt), local(a.endsAt),
                status.name(), a.cancelReason);
    }

    static OffsetDateTime local(Instant at) {
        return at.atZone(Zones.SHANGHAI).toOffsetDateTime();
    }
}
