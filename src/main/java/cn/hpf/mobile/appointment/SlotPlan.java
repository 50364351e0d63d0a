package cn.hpf.mobile.appointment;

import cn.hpf.mobile.common.Zones;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The slots of one outlet on one day: {@link #LENGTH} each, back to back from the opening of each period of that
 * weekday's hours (a lunch break splits the day), the last one ending at or before the period's close. Slots are
 * the same for every service; how many members each takes is the service's capacity.
 */
final class SlotPlan {

    static final Duration LENGTH = Duration.ofMinutes(30);

    /** One opening period of a weekday, as posted (Asia/Shanghai). */
    record Period(LocalTime opens, LocalTime closes) {
    }

    /** A slot's bounds. */
    record Bounds(Instant start, Instant end) {
    }

    private SlotPlan() {
    }

    static List<Bounds> of(LocalDate day, List<Period> periods) {
        List<Bounds> slots = new ArrayList<>();
        for (Period p : periods) {
            for (LocalTime start = p.opens(); !start.plus(LENGTH).isAfter(p.closes())
                    && start.plus(LENGTH).isAfter(start); start = start.plus(LENGTH)) {
                slots.add(new Bounds(day.atTime(start).atZone(Zones.SHANGHAI).toInstant(),
                        day.atTime(start.plus(LENGTH)).atZone(Zones.SHANGHAI).toInstant()));
            }
        }
        slots.sort(java.util.Comparator.comparing(Bounds::start));
        return slots;
    }

    /** The slot starting at {@code start} on that day, or null when no slot starts then. */
    static Bounds startingAt(LocalDate day, List<Period> periods, Instant start) {
        for (Bounds b : of(day, periods)) {
            if (b.start().equals(start)) {
                return b;
            }
        }
        return null;
    }
}
