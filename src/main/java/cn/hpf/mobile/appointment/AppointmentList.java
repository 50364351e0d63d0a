package cn.hpf.mobile.appointment;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AppointmentList", description = "The caller's appointments, latest start first (at most 100).")
public record AppointmentList(List<AppointmentView> items) {
}
