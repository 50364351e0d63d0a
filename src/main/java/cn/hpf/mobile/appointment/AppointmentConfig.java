package cn.hpf.mobile.appointment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "hpf.appointment")
public interface AppointmentConfig {

    /** Slots can be booked from now until the end of the day this many days ahead (Asia/Shanghai). */
    @WithDefault("30")
    int daysAhead();
}
