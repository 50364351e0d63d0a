package cn.hpf.mobile.transfer;

import cn.hpf.mobile.common.StateMachines;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A transfer-in's state machine; every writer builds its {@code WHERE status IN (…)} from {@link #sqlFrom()}.
 *
 * <pre>
 *   REQUESTED ──▶ CONFIRMED ──▶ CREDITED
 *       │             │
 *       └─────────────┴──────▶ REJECTED
 * </pre>
 */
public enum TransferInStatus {
    REQUESTED, CONFIRMED, CREDITED, REJECTED;

    private static final Map<TransferInStatus, Set<TransferInStatus>> NEXT = Map.of(
            REQUESTED, EnumSet.of(CONFIRMED, REJECTED),
            CONFIRMED, EnumSet.of(CREDITED, REJECTED),
            CREDITED, EnumSet.noneOf(TransferInStatus.class),
            REJECTED, EnumSet.noneOf(TransferInStatus.class));

    /** Still open: a member has at most one per origin account. */
    public static final Set<TransferInStatus> OPEN = EnumSet.of(REQUESTED, CONFIRMED);

    public Set<TransferInStatus> next() {
        return NEXT.get(this);
    }

    public boolean mayMoveTo(TransferInStatus to) {
        return NEXT.get(this).contains(to);
    }

    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }

    /** Position along the machine (longest path from REQUESTED): a status stream never goes back. */
    public int step() {
        return StateMachines.step(this, TransferInStatus::mayMoveTo);
    }

    /** {@code 'REQUESTED', 'CONFIRMED'}: the states this one may be reached from, for {@code status IN (…)}. */
    public String sqlFrom() {
        return StateMachines.sqlFrom(this, TransferInStatus::mayMoveTo);
    }

    public String sql() {
        return "'" + name() + "'";
    }
}
