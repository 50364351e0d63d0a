package cn.hpf.mobile.transfer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A transfer-out's state machine, a two-phase debit; every writer builds its {@code WHERE status IN (…)} from
 * {@link #sqlFrom()}. A request is either HELD (the whole available balance, under admission's guards) or REFUSED
 * (nothing held: frozen, closed, something else in flight, nothing to transfer).
 *
 * <pre>
 *   (request) ──▶ HELD ──▶ POSTED
 *       │           │
 *       ▼           └────▶ VOIDED
 *    REFUSED
 * </pre>
 */
public enum TransferOutStatus {
    HELD, POSTED, VOIDED, REFUSED;

    private static final Map<TransferOutStatus, Set<TransferOutStatus>> NEXT = Map.of(
            HELD, EnumSet.of(POSTED, VOIDED),
            POSTED, EnumSet.noneOf(TransferOutStatus.class),
            VOIDED, EnumSet.noneOf(TransferOutStatus.class),
            REFUSED, EnumSet.noneOf(TransferOutStatus.class));

    public boolean mayMoveTo(TransferOutStatus to) {
        return NEXT.get(this).contains(to);
    }

    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }

    /** Position along the machine: a status stream never goes back. */
    public int step() {
        return Arrays.stream(values()).filter(s -> s.mayMoveTo(this)).mapToInt(s -> s.step() + 1).max().orElse(0);
    }

    public String sqlFrom() {
        return Arrays.stream(values()).filter(s -> s.mayMoveTo(this)).map(TransferOutStatus::sql)
                .collect(Collectors.joining(", "));
    }

    public String sql() {
        return "'" + name() + "'";
    }
}
