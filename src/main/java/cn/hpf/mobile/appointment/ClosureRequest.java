package cn.hpf.mobile.appointment;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OutletClosureRequest", description = "A day the outlet does not open, today or later.")
public record ClosureRequest(
        @Schema(required = true, format = "date", examples = "2026-12-07") LocalDate date,
        @Schema(required = true, description = "1–200 characters; the members whose bookings it cancels see it",
                examples = "台风停止办公 Closed for a typhoon") String reason) {
}
