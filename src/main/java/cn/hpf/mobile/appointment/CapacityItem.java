package cn.hpf.mobile.appointment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppointmentCapacity", description = "Members one slot takes for a service on a weekday.")
public record CapacityItem(
        @Schema(required = true, examples = "LOAN_APPLICATION") String service,
        @Schema(required = true, description = "ISO weekday, 1 = Monday … 7 = Sunday", minimum = "1", maximum = "7",
                examples = "1") Integer weekday,
        @Schema(required = true, description = "0–1000; 0 stops new bookings of the service that weekday",
                minimum = "0", maximum = "1000", examples = "3") Integer capacityPerSlot) {
}
