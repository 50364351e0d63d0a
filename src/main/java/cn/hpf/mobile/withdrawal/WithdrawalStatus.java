package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.StateMachines;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The withdrawal's state machine: its states and, in {@link #NEXT}, the only transitions allowed. Every writer
 * builds its {@code WHERE status IN (…)} from here ({@link #sqlFrom()}); PostgreSQL holds the same table
 * (withdrawal_transition, compared by a test) and its trigger refuses any other change.
 *
 * <pre>
 *   ACCEPTED ──▶ PAYING ──▶ PAID ──▶ RETURNED
 *       │           │
 *       └───────────┴─────▶ FAILED
 * </pre>
 * PAYING is shown, not stored: a withdrawal is PAYING from its first payout lease until PAID or FAILED (see
 * {@link WithdrawalRepository#VISIBLE_STATUS}); rows written by versions before V10 may still carry it.
 */
public enum WithdrawalStatus {
    ACCEPTED, PAYING, PAID, FAILED, RETURNED;

    private static final Map<WithdrawalStatus, Set<WithdrawalStatus>> NEXT = Map.of(
            ACCEPTED, EnumSet.of(PAYING, PAID, FAILED),
            PAYING, EnumSet.of(PAID, FAILED),
            PAID, EnumSet.of(RETURNED),
            FAILED, EnumSet.noneOf(WithdrawalStatus.class),
            RETURNED, EnumSet.noneOf(WithdrawalStatus.class));

    /** Waiting for the bank: the money is held. */
    public static final Set<WithdrawalStatus> OPEN = EnumSet.of(ACCEPTED, PAYING);
    /** Counts toward the member's category caps: not refused by the bank and not sent back. */
    public static final Set<WithdrawalStatus> COUNTING = EnumSet.of(ACCEPTED, PAYING, PAID);
    /** Uses the day's payout budget: everything but FAILED (a payout sent back was still paid out that day). */
    public static final Set<WithdrawalStatus> BUDGETED = EnumSet.of(ACCEPTED, PAYING, PAID, RETURNED);

    public Set<WithdrawalStatus> next() {
        return NEXT.get(this);
    }

    public boolean mayMoveTo(WithdrawalStatus to) {
        return NEXT.get(this).contains(to);
    }

    /** The states this one may be reached from. */
    public Set<WithdrawalStatus> from() {
        return Arrays.stream(values()).filter(s -> s.mayMoveTo(this))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(WithdrawalStatus.class)));
    }

    /** {@code 'ACCEPTED', 'PAYING'}: the states this one may be reached from, for {@code status IN (…)}. */
    public String sqlFrom() {
        return sqlList(from());
    }

    public String sql() {
        return "'" + name() + "'";
    }

    public static String sqlList(Set<WithdrawalStatus> states) {
        return states.stream().map(WithdrawalStatus::sql).collect(Collectors.joining(", "));
    }

    /**
     * How far along the machine this state is (the longest path from ACCEPTED): a status stream only moves to a
     * higher step, so a late or repeated event never takes it back.
     */
    public int step() {
        return StateMachines.step(this, WithdrawalStatus::mayMoveTo);
    }

    /** The payout is over (PAID or FAILED, or RETURNED after PAID): no bank call will change it any more. */
    public boolean payoutFinished() {
        return !OPEN.contains(this);
    }
}
