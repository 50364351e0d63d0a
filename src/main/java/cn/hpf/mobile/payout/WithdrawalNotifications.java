package cn.hpf.mobile.payout;

/**
 * SQL that announces a withdrawal's new state with {@code pg_notify} inside the statement that changed it, so the
 * notification is sent exactly when (and only if) the change commits, to every replica listening.
 */
final class WithdrawalNotifications {

    static final String CHANNEL = "hpf_withdrawal_status";

    private WithdrawalNotifications() {
    }

    /**
     * A scalar sub-select that notifies once per row of {@code source} (a CTE returning withdrawal rows). Counted,
     * because pg_notify returns void, which the client cannot decode; volatile, so the planner keeps it.
     */
    static String notifyEach(String source) {
        return "(SELECT count(*) FROM (SELECT pg_notify('" + CHANNEL + "', json_build_object("
                + "'id', s.id, 'status', s.status, 'amountFen', s.amount_fen, 'category', s.category, "
                + "'updatedAt', s.updated_at, 'failureCode', s.failure_code)::text) FROM " + source + " s) n)";
    }
}
