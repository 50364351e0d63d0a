package cn.hpf.mobile.appointment;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OutletClosure", description = "A closed day and the bookings it cancelled.")
public record ClosureView(
        @Schema(examples = "xs-guali") String outletId,
        @Schema(format = "date", examples = "2026-12-07") LocalDate date,
        @Schema(examples = "台风停止办公 Closed for a typhoon") String reason,
        @Schema(description = "Bookings of that day not yet started, now CANCELLED_BY_CENTRE", examples = "4")
        int cancelledAppointments) {
}
