package cn.hpf.mobile.appointment;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppointmentCapacityRequest", description = "Capacities to set (1–200 rows; other rows unchanged).")
public record CapacityRequest(@Schema(required = true) List<CapacityItem> items) {
}
