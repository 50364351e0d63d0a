package cn.hpf.mobile.appointment;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppointmentCapacityTable", description = "Every capacity of the outlet, by service and weekday.")
public record CapacityTable(@Schema(examples = "xs-guali") String outletId, List<CapacityItem> items) {
}
