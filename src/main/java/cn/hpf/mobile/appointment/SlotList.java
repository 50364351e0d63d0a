package cn.hpf.mobile.appointment;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppointmentSlots", description = "The bookable slots of a day, earliest first; empty on a day the "
        + "outlet is closed, does not open, or does not take this service.")
public record SlotList(List<Slot> items) {
}
