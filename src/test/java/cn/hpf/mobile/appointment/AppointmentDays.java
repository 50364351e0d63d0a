package cn.hpf.mobile.appointment;

import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.support.TestClock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Weeks of their own for the appointment tests: the application's clock is moved to Monday 07:00 (Asia/Shanghai) of
 * a week no other test uses, decades ahead, so that every slot of that week is still to come and no other test's
 * bookings share its seats.
 */
final class AppointmentDays {

    private static final AtomicInteger WEEKS = new AtomicInteger();

    private AppointmentDays() {
    }

    /** Moves the clock to 07:00 of a fresh week's Monday and answers that Monday. */
    static LocalDate freshMonday() {
        LocalDate monday = LocalDate.now(Zones.SHANGHAI).plusYears(30)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(WEEKS.incrementAndGet());
        at(monday, LocalTime.of(7, 0));
        return monday;
    }

    static void at(LocalDate day, LocalTime time) {
        TestClock.setTo(day.atTime(time).atZone(Zones.SHANGHAI).toInstant());
    }

    /** The slot start as the API writes it, e.g. 2056-12-03T08:30+08:00. */
    static OffsetDateTime slot(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(Zones.SHANGHAI).toOffsetDateTime();
    }
}
