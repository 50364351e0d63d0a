package cn.hpf.mobile.appointment;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppointmentSlot", description = "A 30-minute slot of an outlet for one service (times in +08:00).")
public record Slot(
        @Schema(format = "date-time", examples = "2026-12-03T08:30:00+08:00") OffsetDateTime start,
        @Schema(format = "date-time", examples = "2026-12-03T09:00:00+08:00") OffsetDateTime end,
        @Schema(description = "Members the slot takes for this service", examples = "3") int capacity,
        @Schema(description = "Seats still free; 0 when full (or when the capacity was lowered below the bookings "
                + "already made)", examples = "1") int remaining) {
}
