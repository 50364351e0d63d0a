package cn.hpf.mobile.partner.notify;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A notification's delivery state machine, in one place; every writer builds its {@code WHERE} from here.
 *
 * <pre>
 *   PENDING ──▶ DELIVERED          (a 2xx within the timeout)
 *      │  ▲ ▲
 *      ▼  │ └──── DELIVERED        (an operator replays it)
 *   FAILED ─┘                      (the retry schedule ran out; an operator replays it)
 * </pre>
 */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED;

    private static final Map<DeliveryStatus, Set<DeliveryStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(DELIVERED, FAILED),
            DELIVERED, EnumSet.of(PENDING),
            FAILED, EnumSet.of(PENDING));

    public Set<DeliveryStatus> next() {
        return NEXT.get(this);
    }

    /** {@code 'A', 'B'}: the states this one may be reached from. */
    public String sqlFrom() {
        return Arrays.stream(values()).filter(s -> s.next().contains(this)).map(DeliveryStatus::sql)
                .collect(Collectors.joining(", "));
    }

    public String sql() {
        return "'" + name() + "'";
    }
}
