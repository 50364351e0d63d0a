package cn.hpf.mobile.outlet;

import jakarta.persistence.Embeddable;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;

/** One opening period of an outlet on an ISO weekday (1 = Monday), in Asia/Shanghai time ({@code outlet_hours}). */
@Embeddable
public class OpeningPeriod {

    public short weekday;

    public LocalTime opens;

    public LocalTime closes;

    /** Open from the opening minute up to, not including, the closing one. */
    public boolean isOpenAt(LocalDateTime local) {
        LocalTime time = local.toLocalTime();
        return local.getDayOfWeek().getValue() == weekday && !time.isBefore(opens) && time.isBefore(closes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpeningPeriod p && p.weekday == weekday && Objects.equals(p.opens, opens)
                && Objects.equals(p.closes, closes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weekday, opens, closes);
    }
}
