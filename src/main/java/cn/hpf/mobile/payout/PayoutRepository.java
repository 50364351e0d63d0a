package cn.hpf.mobile.payout;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.withdrawal.WithdrawalQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The payout's writes. Each state change is one statement: status, money, ledger, outbox and notification. */
@ApplicationScoped
public class PayoutRepository {

    /**
     * Leases due rows that nobody holds (or whose holder's lease expired), skipping rows another replica is
     * claiming right now. The lease's attempt count is the PAYING state: the withdrawal row itself is written only
     * at admission and at its end (PAID or FAILED), which spares a heap tuple and an entry in each of its indexes
     * per payout (docs/performance.md). A first claim (attempts 1 on an ACCEPTED row) is announced as PAYING.
     */
    private static final String CLAIM = """
            WITH due AS (
                SELECT withdrawal_id FROM payout_outbox
                WHERE next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
                ORDER BY next_attempt_at
                LIMIT $2
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE payout_outbox o
                SET locked_by = $1, locked_until = now() + $3 * interval '1 millisecond', attempts = o.attempts + 1
                FROM due WHERE o.withdrawal_id = due.withdrawal_id
                RETURNING o.withdrawal_id, o.attempts
            ), paying AS (
                SELECT w.id, 'PAYING' AS status, w.amount_fen, w.category, now() AS updated_at, w.failure_code
                FROM claimed c JOIN withdrawal w ON w.id = c.withdrawal_id
                WHERE w.status = 'ACCEPTED' AND c.attempts = 1
            )
            SELECT w.id, w.member_id, w.category, w.amount_fen, w.status AS previous_status, c.attempts,
                   bc.bank_name, bc.masked_number, bc.holder_name, l.lending_bank, l.lending_bank_account,
                   l.contract_no, %s AS notified
            FROM claimed c
            JOIN withdrawal w ON w.id = c.withdrawal_id
            LEFT JOIN bank_card bc ON bc.id = w.bank_card_id
            LEFT JOIN loan l ON l.id = w.loan_id
            """.formatted(WithdrawalNotifications.notifyEach("paying"));

    /**
     * Paid: the hold becomes a WITHDRAWAL entry (unique per withdrawal id, so never twice), balance and held drop
     * together, retirement closes the account, a loan repayment lowers the loan, the outbox row goes.
     */
    private static final String MARK_PAID = """
            WITH w AS (
                UPDATE withdrawal SET status = 'PAID', paid_at = now(), bank_reference = $2, updated_at = now()
                WHERE id = $1 AND status IN ('ACCEPTED', 'PAYING')
                RETURNING *
            ), acc AS (
                UPDATE account a
                SET balance_fen = a.balance_fen - w.amount_fen, held_fen = a.held_fen - w.amount_fen,
                    status = CASE WHEN w.category = 'RETIREMENT' THEN 'CLOSED' ELSE a.status END,
                    status_since = CASE WHEN w.category = 'RETIREMENT'
                                        THEN (now() AT TIME ZONE 'Asia/Shanghai')::date ELSE a.status_since END,
                    version = a.version + 1, updated_at = now()
                FROM w WHERE a.member_id = w.member_id
                RETURNING a.*
            ), entry AS (
                INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description, reference,
                                          channel, actor)
                SELECT acc.member_id, 'WITHDRAWAL', -w.amount_fen, acc.balance_fen,
                       '提取 Withdrawal ' || w.category, w.id::text, w.channel, w.actor
                FROM acc, w
                RETURNING id
            ), repaid AS (
                -- Admission raised pending_repayment_fen by the amount, and nothing else lowers the outstanding
                -- principal while a repayment is pending: both drop together, and the CHECKs
                -- (pending >= 0, outstanding - pending >= 0) make the statement fail loudly if that ever broke.
                -- Like a REDUCE_PAYMENT prepayment, the rest is re-planned over the remaining months from the next
                -- unpaid period (so the monthly instalment is computed from the new outstanding principal).
                UPDATE loan l
                SET outstanding_principal_fen = l.outstanding_principal_fen - w.amount_fen,
                    pending_repayment_fen = l.pending_repayment_fen - w.amount_fen,
                    plan_principal_fen = CASE WHEN l.outstanding_principal_fen > w.amount_fen
                        THEN l.outstanding_principal_fen - w.amount_fen ELSE l.plan_principal_fen END,
                    plan_term_months = CASE WHEN l.outstanding_principal_fen > w.amount_fen
                        THEN GREATEST(coalesce(l.plan_term_months, l.term_months) + l.plan_base_period
                                      - l.paid_periods, 1)
                        ELSE l.plan_term_months END,
                    plan_base_period = CASE WHEN l.outstanding_principal_fen > w.amount_fen
                        THEN l.paid_periods ELSE l.plan_base_period END,
                    status = CASE WHEN l.outstanding_principal_fen = w.amount_fen THEN 'CLOSED' ELSE l.status END,
                    closed_at = CASE WHEN l.outstanding_principal_fen = w.amount_fen THEN now() ELSE l.closed_at END,
                    version = l.version + 1, updated_at = now()
                FROM w WHERE w.category = 'LOAN_REPAYMENT' AND l.id = w.loan_id
                RETURNING l.id
            ), done AS (
                DELETE FROM payout_outbox o USING w WHERE o.withdrawal_id = w.id RETURNING o.withdrawal_id
            )
            SELECT %s,
                   (extract(epoch FROM (w.paid_at - w.created_at)) * 1000000)::bigint AS payout_micros,
                   (SELECT count(*) FROM entry) AS entries, (SELECT count(*) FROM repaid) AS loans,
                   (SELECT count(*) FROM done) AS outbox_deleted, %s AS notified
            FROM acc a JOIN member m ON m.id = a.member_id, w
            """.formatted(AccountRepository.SNAPSHOT_COLUMNS, WithdrawalNotifications.notifyEach("w"));

    /**
     * Definitive rejection: the hold is voided, nothing is posted, the loan's pending repayment or the home's used
     * cap is given back, the outbox row goes.
     */
    private static final String MARK_FAILED = """
            WITH w AS (
                UPDATE withdrawal SET status = 'FAILED', failure_code = $2, failure_reason = $3, updated_at = now()
                WHERE id = $1 AND status IN ('ACCEPTED', 'PAYING')
                RETURNING *
            ), acc AS (
                UPDATE account a SET held_fen = a.held_fen - w.amount_fen, version = a.version + 1, updated_at = now()
                FROM w WHERE a.member_id = w.member_id
                RETURNING a.*
            ), unpending AS (
                -- The repayment will not happen: the loan is free again for prepayment and auto-transfer.
                UPDATE loan l SET pending_repayment_fen = l.pending_repayment_fen - w.amount_fen,
                                  version = l.version + 1, updated_at = now()
                FROM w WHERE w.category = 'LOAN_REPAYMENT' AND l.id = w.loan_id
                RETURNING l.id
            ), home_cap AS (
                -- Runs once per failure (the status moves to FAILED once): the home's cap is free again.
                UPDATE home_purchase_cap h SET used_fen = h.used_fen - w.amount_fen, updated_at = now()
                FROM w WHERE w.category = 'PURCHASE' AND h.member_id = w.member_id AND h.home_id = w.home_id
                RETURNING h.member_id
            ), done AS (
                DELETE FROM payout_outbox o USING w WHERE o.withdrawal_id = w.id RETURNING o.withdrawal_id
            )
            SELECT %s, w.category, w.amount_fen, w.budget_day, w.budget_shard,
                   (SELECT count(*) FROM done) AS outbox_deleted, %s AS notified
            FROM acc a JOIN member m ON m.id = a.member_id, w
            """.formatted(AccountRepository.SNAPSHOT_COLUMNS, WithdrawalNotifications.notifyEach("w"));

    /**
     * A bank return after PAID: a new reversing RETURNED entry; the WITHDRAWAL entry stays as it was. A retirement
     * payout closed the account; with the money back the account reopens SEALED (paused, no employer: what a
     * retiree's account is), so that the member can withdraw it again to a working card instead of finding it
     * stranded in a closed account.
     */
    private static final String MARK_RETURNED = """
            WITH w AS (
                UPDATE withdrawal SET status = 'RETURNED', returned_at = now(), return_reason = $2, updated_at = now()
                WHERE id = $1 AND status = 'PAID'
                RETURNING *
            ), acc AS (
                UPDATE account a SET balance_fen = a.balance_fen + w.amount_fen,
                    status = CASE WHEN w.category = 'RETIREMENT' AND a.status = 'CLOSED' THEN 'SEALED' ELSE a.status END,
                    status_since = CASE WHEN w.category = 'RETIREMENT' AND a.status = 'CLOSED'
                                        THEN (now() AT TIME ZONE 'Asia/Shanghai')::date ELSE a.status_since END,
                    version = a.version + 1, updated_at = now()
                FROM w WHERE a.member_id = w.member_id
                RETURNING a.*
            ), entry AS (
                INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description, reference,
                                          channel, actor)
                SELECT acc.member_id, 'RETURNED', w.amount_fen, acc.balance_fen,
                       '退回 Payout returned by the bank: ' || $2, w.id::text, 'SYSTEM', 'system:bank-return'
                FROM acc, w
                RETURNING id
            ), unrepaid AS (
                -- The lending bank sent the repayment back: the loan was not repaid by it. The principal comes back
                -- (the CHECK outstanding <= principal fails the statement loudly rather than lose fen), the loan
                -- reopens and is re-planned over its remaining months, as the repayment's PAID step did.
                UPDATE loan l
                SET outstanding_principal_fen = l.outstanding_principal_fen + w.amount_fen,
                    plan_principal_fen = l.outstanding_principal_fen + w.amount_fen,
                    plan_term_months = GREATEST(coalesce(l.plan_term_months, l.term_months) + l.plan_base_period
                                                - l.paid_periods, 1),
                    plan_base_period = l.paid_periods,
                    status = 'ACTIVE', closed_at = NULL, version = l.version + 1, updated_at = now()
                FROM w WHERE w.category = 'LOAN_REPAYMENT' AND l.id = w.loan_id
                RETURNING l.id
            )
            SELECT %s, (SELECT count(*) FROM entry) AS entries, (SELECT count(*) FROM unrepaid) AS loans,
                   %s AS notified
            FROM acc a JOIN member m ON m.id = a.member_id, w
            """.formatted(AccountRepository.SNAPSHOT_COLUMNS, WithdrawalNotifications.notifyEach("w"));

    private static final String RESCHEDULE = """
            UPDATE payout_outbox
            SET next_attempt_at = now() + $2 * interval '1 millisecond', locked_by = NULL, locked_until = NULL,
                last_error = $3
            WHERE withdrawal_id = $1 AND locked_by = $4
            """;

    private static final String DROP_FINISHED = """
            DELETE FROM payout_outbox o USING withdrawal w
            WHERE o.withdrawal_id = $1 AND w.id = o.withdrawal_id AND w.status NOT IN ('ACCEPTED', 'PAYING')
            """;

    /**
     * At start only: leases this replica held in a previous life (same instance id) are void, except rows in
     * flight right now (none, normally: the dispatcher claims only after this pass). Such rows become due at once.
     */
    private static final String RELEASE_OWN_LEASES = """
            UPDATE payout_outbox
            SET locked_by = NULL, locked_until = NULL, next_attempt_at = LEAST(next_attempt_at, now())
            WHERE locked_by = $1 AND NOT (withdrawal_id = ANY ($2))
            """;

    /**
     * Periodically: only expired leases, of any replica. A live lease is never touched, so a row claimed a moment
     * ago (not yet in any in-flight set) cannot be freed and claimed by a second replica.
     */
    private static final String RELEASE_EXPIRED_LEASES = """
            UPDATE payout_outbox
            SET locked_by = NULL, locked_until = NULL, next_attempt_at = LEAST(next_attempt_at, now())
            WHERE locked_until < now()
            """;

    /**
     * Every open withdrawal must have an outbox row, or nothing would ever finish it. A restored row starts at one
     * attempt: nobody knows whether the bank was called, so the next claim asks it before paying.
     */
    private static final String RESTORE_OUTBOX = """
            INSERT INTO payout_outbox (withdrawal_id, attempts)
            SELECT w.id, 1 FROM withdrawal w
            WHERE w.status IN ('ACCEPTED', 'PAYING')
              AND NOT EXISTS (SELECT 1 FROM payout_outbox o WHERE o.withdrawal_id = w.id)
            ON CONFLICT DO NOTHING
            """;

    private final Pool db;
    private final WithdrawalEventHub events;

    public PayoutRepository(Pool db, WithdrawalEventHub events) {
        this.db = db;
        this.events = events;
    }

    /** Runs a status-changing statement and publishes the events it described once it has committed. */
    private Uni<RowSet<Row>> changeStatus(String sql, Tuple args) {
        return db.preparedQuery(sql).execute(args).call(events::publish);
    }

    Uni<List<ClaimedPayout>> claim(String instanceId, int limit, Duration lease) {
        return changeStatus(CLAIM, Tuple.of(instanceId, limit, lease.toMillis())).map(rows -> {
            List<ClaimedPayout> claimed = new ArrayList<>(rows.size());
            for (Row r : rows) {
                claimed.add(claimed(r));
            }
            return claimed;
        });
    }

    private static ClaimedPayout claimed(Row r) {
        UUID id = r.getUUID("id");
        String category = r.getString("category");
        PayoutOrder.Payee payee = r.getString("lending_bank_account") != null && "LOAN_REPAYMENT".equals(category)
                ? new PayoutOrder.Payee("LOAN_ACCOUNT", r.getString("lending_bank"), r.getString("lending_bank_account"),
                r.getString("contract_no"))
                : new PayoutOrder.Payee("CARD", r.getString("bank_name"), r.getString("masked_number"),
                r.getString("holder_name"));
        PayoutOrder order = new PayoutOrder(id, r.getLong("member_id"), category, r.getLong("amount_fen"), payee);
        return new ClaimedPayout(id, r.getString("previous_status"), r.getInteger("attempts"), order);
    }

    /** The account after the posting and the accepted → paid time, or null when it was no longer open. */
    Uni<Paid> markPaid(UUID withdrawalId, String bankReference) {
        return changeStatus(MARK_PAID, Tuple.of(withdrawalId, bankReference)).map(rows -> first(rows,
                r -> new Paid(AccountRepository.snapshot(r), Duration.ofNanos(r.getLong("payout_micros") * 1000L))));
    }

    /** The account after the void and what admission reserved, or null when it was no longer open. */
    Uni<Failed> markFailed(UUID withdrawalId, String code, String reason) {
        return changeStatus(MARK_FAILED, Tuple.of(withdrawalId, code, reason)).map(rows -> first(rows,
                r -> new Failed(AccountRepository.snapshot(r), r.getString("category"), r.getLong("amount_fen"),
                        r.getLocalDate("budget_day"), r.getInteger("budget_shard"))));
    }

    /** The account after the reversing entry, or null when the withdrawal is not PAID (any more). */
    Uni<AccountSnapshot> markReturned(UUID withdrawalId, String reason) {
        return changeStatus(MARK_RETURNED, Tuple.of(withdrawalId, reason))
                .map(rows -> first(rows, AccountRepository::snapshot));
    }

    /** Only while we still hold the lease: a replica that took over an expired lease owns the row now. */
    Uni<Void> reschedule(UUID withdrawalId, Duration delay, String lastError, String instanceId) {
        return db.preparedQuery(RESCHEDULE).execute(Tuple.of(withdrawalId, delay.toMillis(), lastError, instanceId))
                .replaceWithVoid();
    }

    Uni<Void> dropIfFinished(UUID withdrawalId) {
        return db.preparedQuery(DROP_FINISHED).execute(Tuple.of(withdrawalId)).replaceWithVoid();
    }

    Uni<Integer> releaseOwnLeases(String instanceId, UUID[] inFlight) {
        return db.preparedQuery(RELEASE_OWN_LEASES).execute(Tuple.of(instanceId, inFlight)).map(RowSet::rowCount);
    }

    Uni<Integer> releaseExpiredLeases() {
        return db.query(RELEASE_EXPIRED_LEASES).execute().map(RowSet::rowCount);
    }

    Uni<Integer> restoreOutbox() {
        return db.query(RESTORE_OUTBOX).execute().map(RowSet::rowCount);
    }

    /** The withdrawal's status, or null when unknown. */
    Uni<String> status(UUID withdrawalId) {
        return db.preparedQuery("SELECT status FROM withdrawal WHERE id = $1").execute(Tuple.of(withdrawalId))
                .map(rows -> first(rows, r -> r.getString(0)));
    }

    /** The member's withdrawal as an event, or null when there is none with this id for this member. */
    Uni<WithdrawalEvent> current(UUID withdrawalId, long memberId) {
        return db.preparedQuery("SELECT w.id, " + WithdrawalQueries.VISIBLE_STATUS
                        + ", w.amount_fen, w.category, w.updated_at, w.failure_code FROM withdrawal w "
                        + "WHERE w.id = $1 AND w.member_id = $2")
                .execute(Tuple.of(withdrawalId, memberId))
                .map(rows -> first(rows, r -> new WithdrawalEvent(r.getUUID(0), r.getString(1), r.getLong(2),
                        r.getString(3), r.getOffsetDateTime(4).toInstant(), r.getString(5))));
    }

    private static <T> T first(RowSet<Row> rows, java.util.function.Function<Row, T> map) {
        var it = rows.iterator();
        return it.hasNext() ? map.apply(it.next()) : null;
    }

    record Paid(AccountSnapshot account, Duration acceptedToPaid) {
    }

    record Failed(AccountSnapshot account, String category, long amountFen, LocalDate budgetDay, int budgetShard) {
    }
}
