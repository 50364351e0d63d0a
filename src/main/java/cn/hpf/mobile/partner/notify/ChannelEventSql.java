package cn.hpf.mobile.partner.notify;

/**
 * The CTE that records a partner's event inside the statement that changes the money, so that the event exists
 * exactly when (and only if) the change commits. Rows of other channels (no app id) record nothing. The sequencer
 * numbers the events later ({@link EventSequencer}).
 */
public final class ChannelEventSql {

    public static final String WITHDRAWAL_STATUS_CHANGED = "withdrawal.status_changed";
    public static final String PREPAYMENT_STATUS_CHANGED = "prepayment.status_changed";

    private ChannelEventSql() {
    }

    /** {@code , name AS (INSERT …)} for every row of {@code source}, a CTE returning withdrawal rows. */
    public static String withdrawals(String name, String source) {
        return """
                , %s AS (
                    INSERT INTO channel_event (event_id, app_id, type, entity_id, data)
                    SELECT gen_random_uuid(), s.app_id, '%s', s.id, jsonb_strip_nulls(jsonb_build_object(
                        'id', s.id, 'outBizNo', s.out_biz_no, 'status', s.status, 'amountFen', s.amount_fen,
                        'category', s.category, 'failureCode', s.failure_code, 'failureReason', s.failure_reason,
                        'occurredAt', s.updated_at))
                    FROM %s s WHERE s.app_id IS NOT NULL
                    RETURNING event_id
                )""".formatted(name, WITHDRAWAL_STATUS_CHANGED, source);
    }

    /** {@code , name AS (INSERT …)} for every row of {@code source}, a CTE returning prepayment rows. */
    public static String prepayments(String name, String source) {
        return """
                , %s AS (
                    INSERT INTO channel_event (event_id, app_id, type, entity_id, data)
                    SELECT gen_random_uuid(), s.app_id, '%s', s.id, jsonb_strip_nulls(jsonb_build_object(
                        'id', s.id, 'outBizNo', s.out_biz_no, 'status', s.status, 'amountFen', s.amount_fen,
                        'loanId', s.loan_id, 'source', s.source, 'fullRepayment', s.full_repayment,
                        'occurredAt', s.created_at))
                    FROM %s s WHERE s.app_id IS NOT NULL
                    RETURNING event_id
                )""".formatted(name, PREPAYMENT_STATUS_CHANGED, source);
    }
}
