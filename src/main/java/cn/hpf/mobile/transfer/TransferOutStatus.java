package cn.hpf.mobile.transfer;

import cn.hpf.mobile.common.StateMachines;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

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

    public Set<TransferOutStatus> next() {
        return NEXT.get(this);
    }

    public boolean mayMoveTo(TransferOutStatus to) {
        return NEXT.get(this).contains(to);
    }

    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }

    /** Position along the machine: a status stream never goes back. */
    public int step() {
        return StateMachines.step(this, TransferOutStatus::mayMoveTo);
    }

    public String sqlFrom() {
        return StateMachines.sqlFrom(this, TransferOutStatus::mayMoveTo);
    }

    public String sql() {
        return "'" + name() + "'";
    }
}
