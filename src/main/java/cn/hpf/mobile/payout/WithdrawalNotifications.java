package cn.hpf.mobile.payout;

/**
 * SQL that describes a withdrawal's new state from inside the statement that changed it, so the event exists
 * exactly when (and only if) the change commits; the caller publishes it to every replica over Redis pub/sub.
 */
final class WithdrawalNotifications {

    static final String CHANNEL = "hpf:withdrawal-status";

    private WithdrawalNotifications() {
    }

    /**
     * A scalar sub-select that describes every row of {@code source} (a CTE returning withdrawal rows) as a JSON
     * array of events, read by the statement's caller and published after the commit ({@link WithdrawalEventHub}).
     * Not pg_notify: PostgreSQL serializes the commits of all notifying transactions on one global lock, which
     * held payout statements (and with them the shared connection pool) in a queue on peak days.
     */
    static String notifyEach(String source) {
        return "(SELECT json_agg(json_build_object("
                + "'id', s.id, 'status', s.status, 'amountFen', s.amount_fen, 'category', s.category, "
                + "'updatedAt', s.updated_at, 'failureCode', s.failure_code))::text FROM " + source + " s)";
    }
}
