package cn.hpf.mobile.payout;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.db.BatchedStatement;
import cn.hpf.mobile.common.db.Batcher;
import cn.hpf.mobile.common.db.NamedSql;
import cn.hpf.mobile.partner.notify.ChannelEventSql;
import cn.hpf.mobile.withdrawal.WithdrawalRepository;
import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.function.Function;
import java.util.UUID;

/** The payout's writes. Each state change is one statement: status, money, ledger, outbox and notification. */
@ApplicationScoped
public class PayoutRepository {

    /**
     * The audit row of a payout's end, for each withdrawal row {@code w} the statement changed: the dispatcher acts
     * (the member's channel and app stay on the row through app_id); the result is the new status and its detail.
     */
    private static String settled(String action, String detail) {
        return AuditRepository.append(action).from("w").by("'system:payout'", "'SYSTEM'", "w.app_id", "NULL")
                .member("w.member_id").face("w.face_verification_id").amount("w.amount_fen").target("w.id")
                .result("w.status || coalesce(' ' || " + detail + ", '')").cte();
    }

    /**
     * Leases due rows that nobody holds (or whose holder's lease expired), skipping rows another replica is
     * claiming right now. The lease's attempt count is the PAYING state: the withdrawal row itself is written only
     * at admission and at its end (PAID or FAILED), which spares a heap tuple and an entry in each of its indexes
     * per payout (docs/performance.md). A first claim (attempts 1 on an ACCEPTED row) is announced as PAYING.
     * Nothing is claimed while operators pause payouts (ops_switch): the rows wait, leases and attempts untouched.
     */
    private static final String CLAIM = """
            WITH due AS (
                SELECT withdrawal_id FROM payout_outbox
                WHERE next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
                  -- Operators' cluster-wide pause, read in the claim itself: no claim starts once it committed.
                  AND NOT (SELECT paused FROM ops_switch WHERE name = 'PAYOUTS')
                ORDER BY next_attempt_at
                LIMIT $2
                FOR UPDATE SKIP LOCKED
            ), claimed AS (
                UPDATE payout_outbox o
                SET locked_by = $1, locked_until = now() + $3 * interval '1 millisecond', attempts = o.attempts + 1,
                    first_sent_at = coalesce(o.first_sent_at, now())
                FROM due WHERE o.withdrawal_id = due.withdrawal_id
                RETURNING o.withdrawal_id, o.attempts
            ), paying AS (
                SELECT w.id, %s AS status, w.amount_fen, w.category, now() AS updated_at, w.failure_code,
                       w.failure_reason, w.app_id, w.out_biz_no
                FROM claimed c JOIN withdrawal w ON w.id = c.withdrawal_id
                WHERE w.status = %s AND c.attempts = 1
            )%s
            SELECT w.id, w.member_id, w.category, w.amount_fen, w.status AS previous_status, c.attempts,
                   bc.bank_name, bc.masked_number, bc.holder_name, l.lending_bank, l.lending_bank_account,
                   l.contract_no, %s AS notified
            FROM claimed c
            JOIN withdrawal w ON w.id = c.withdrawal_id
            LEFT JOIN bank_card bc ON bc.id = w.bank_card_id
            LEFT JOIN loan l ON l.id = w.loan_id
            """.formatted(WithdrawalStatus.PAYING.sql(), WithdrawalStatus.ACCEPTED.sql(),
            ChannelEventSql.withdrawals("events", "paying"), WithdrawalNotifications.notifyEach("paying"));

    /**
     * Paid: the hold becomes a WITHDRAWAL entry (unique per withdrawal id, so never twice), balance and held drop
     * together, a loan repayment lowers the loan, the outbox row goes. A category whose payout closes the account
     * (withdrawal_category.closes_account) closes it only when nothing is left in it, balance and held both 0: a
     * deposit or interest posted since admission stays withdrawable instead of stranded in a closed account.
     */
    public static final BatchedStatement PAID_BATCH = BatchedStatement.of("hpf_payout_paid_batch", """
            WITH w AS (
                UPDATE withdrawal SET status = %1$s, paid_at = now(), bank_reference = #{bankReference},
                                      updated_at = now()
                WHERE id = #{withdrawal} AND status IN (%2$s)
                RETURNING *
            ), acc AS (
                UPDATE account a SET %6$s
                FROM w LEFT JOIN withdrawal_category c ON c.code = w.category
                WHERE a.member_id = w.member_id
                RETURNING a.*
            ), entry AS (
                INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description, reference,
                                          channel, actor, app_id)
                SELECT acc.member_id, 'WITHDRAWAL', -w.amount_fen, acc.balance_fen,
                       '提取 Withdrawal ' || w.category, w.id::text, w.channel, w.actor, w.app_id
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
                FROM w, acc WHERE w.category = 'LOAN_REPAYMENT' AND l.id = w.loan_id
                RETURNING l.id
            ), done AS (
                DELETE FROM payout_outbox o USING w WHERE o.withdrawal_id = w.id RETURNING o.withdrawal_id
            )%5$s
            SELECT %3$s,
                   (extract(epoch FROM (w.paid_at - w.created_at)) * 1000000)::bigint AS payout_micros,
                   (SELECT count(*) FROM entry) AS entries, (SELECT count(*) FROM repaid) AS loans,
                   (SELECT count(*) FROM done) AS outbox_deleted, %4$s AS notified,
                   -- PAID without its debit and ledger entry would let the member withdraw the money again: the
                   -- whole step rolls back instead.
                   hpf_must(EXISTS (SELECT 1 FROM entry), 'PAID without its debit') AS debited
            FROM w LEFT JOIN (acc a JOIN member m ON m.id = a.member_id) ON TRUE
            """.formatted(WithdrawalStatus.PAID.sql(), WithdrawalStatus.PAID.sqlFrom(),
            AccountRepository.SNAPSHOT_COLUMNS, WithdrawalNotifications.notifyEach("w"),
            ChannelEventSql.withdrawals("events", "w") + settled("PAYOUT_PAID", "w.bank_reference"),
            AccountRepository.postHeldDebit("w.amount_fen", "coalesce(c.closes_account, FALSE)")));

    /**
     * A capped category's accrual after one of its withdrawals stopped counting (FAILED, RETURNED): the month of the
     * last withdrawal that still counts, or none (the accrual then runs from the account's status date). Only while
     * the row still names this withdrawal's month: an admission of a later month that committed while this step
     * waited for the account is not in this statement's snapshot, but the row it wrote is re-read under the lock,
     * and it keeps its month.
     */
    private static final String ACCRUAL_GIVEN_BACK = """
            , accrual AS (
                UPDATE withdrawal_accrual x
                SET last_month = (SELECT max(date_trunc('month', o.created_at AT TIME ZONE 'Asia/Shanghai'))::date
                                  FROM withdrawal o
                                  WHERE o.member_id = w.member_id AND o.category = w.category AND o.id <> w.id
                                    AND o.status IN (%s))
                FROM w, acc WHERE x.member_id = w.member_id AND x.category = w.category
                  AND x.last_month = date_trunc('month', w.created_at AT TIME ZONE 'Asia/Shanghai')::date
                RETURNING x.member_id
            )""".formatted(WithdrawalStatus.sqlList(WithdrawalStatus.COUNTING));

    /**
     * Definitive rejection: the hold is voided, nothing is posted; the loan's pending repayment, the home's used
     * cap, the category's accrued months and the day's budget are given back; the outbox row goes.
     */
    public static final BatchedStatement FAILED_BATCH = BatchedStatement.of("hpf_payout_failed_batch", """
            WITH w AS (
                UPDATE withdrawal SET status = %1$s, failure_code = #{code}, failure_reason = #{reason},
                                      updated_at = now()
                WHERE id = #{withdrawal} AND status IN (%2$s)
                RETURNING *
            ), acc AS (
                UPDATE account a SET held_fen = a.held_fen - w.amount_fen, version = a.version + 1, updated_at = now()
                FROM w WHERE a.member_id = w.member_id
                RETURNING a.*
            ), unpending AS (
                -- The repayment will not happen: the loan is free again for prepayment and auto-transfer.
                UPDATE loan l SET pending_repayment_fen = l.pending_repayment_fen - w.amount_fen,
                                  version = l.version + 1, updated_at = now()
                FROM w, acc WHERE w.category = 'LOAN_REPAYMENT' AND l.id = w.loan_id
                RETURNING l.id
            ), home_cap AS (
                -- Runs once per failure (the status moves to FAILED once): the home's cap is free again.
                UPDATE home_purchase_cap h SET used_fen = h.used_fen - w.amount_fen, updated_at = now()
                FROM w, acc WHERE w.category = 'PURCHASE' AND h.member_id = w.member_id AND h.home_id = w.home_id
                RETURNING h.member_id
            ), budget AS (
                -- The day's budget shard gets the amount back: it was never paid out.
                UPDATE payout_budget_shard b SET reserved_fen = b.reserved_fen - w.amount_fen
                FROM w, acc WHERE b.budget_day = w.budget_day AND b.shard = w.budget_shard AND NOT w.settled_internally
                RETURNING b.shard
            )%3$s, done AS (
                DELETE FROM payout_outbox o USING w WHERE o.withdrawal_id = w.id RETURNING o.withdrawal_id
            )%6$s
            SELECT %4$s, w.category, w.amount_fen, w.budget_day, w.budget_shard,
                   (SELECT count(*) FROM done) AS outbox_deleted, (SELECT count(*) FROM budget) AS budget_returned,
                   (SELECT count(*) FROM accrual) AS accrual_returned, %5$s AS notified
            FROM acc a JOIN member m ON m.id = a.member_id, w
            """.formatted(WithdrawalStatus.FAILED.sql(), WithdrawalStatus.FAILED.sqlFrom(), ACCRUAL_GIVEN_BACK,
            AccountRepository.SNAPSHOT_COLUMNS, WithdrawalNotifications.notifyEach("w"),
            ChannelEventSql.withdrawals("events", "w") + settled("PAYOUT_FAILED", "w.failure_code")));

    /**
     * A bank return after PAID: a new reversing RETURNED entry; the WITHDRAWAL entry stays as it was. The member
     * never received the money, so what the withdrawal used of her limits comes back (the category's accrued months,
     * the home's cap; a loan repayment's principal); the day's budget does not (it was paid out that day). Money
     * that comes back into a CLOSED account reopens it SEALED (paused, no employer: what a retiree's account is), so
     * that the member can withdraw it again to a working card instead of finding it stranded.
     */
    private static final String MARK_RETURNED = """
            WITH w AS (
                UPDATE withdrawal SET status = %1$s, returned_at = now(), return_reason = $2, updated_at = now()
                WHERE id = $1 AND status IN (%2$s)
                RETURNING *
            ), acc AS (
                UPDATE account a SET %7$s
                FROM w WHERE a.member_id = w.member_id
                RETURNING a.*
            ), entry AS (
                INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description, reference,
                                          channel, actor, app_id)
                SELECT acc.member_id, 'RETURNED', w.amount_fen, acc.balance_fen,
                       '退回 Payout returned by the bank: ' || $2, w.id::text, 'SYSTEM', 'system:bank-return', w.app_id
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
                FROM w, acc WHERE w.category = 'LOAN_REPAYMENT' AND l.id = w.loan_id
                RETURNING l.id
            ), home_cap AS (
                UPDATE home_purchase_cap h SET used_fen = h.used_fen - w.amount_fen, updated_at = now()
                FROM w, acc WHERE w.category = 'PURCHASE' AND h.member_id = w.member_id AND h.home_id = w.home_id
                RETURNING h.member_id
            )%3$s%6$s
            SELECT %4$s, (SELECT count(*) FROM entry) AS entries, (SELECT count(*) FROM unrepaid) AS loans,
                   (SELECT count(*) FROM accrual) AS accrual_returned, %5$s AS notified
            FROM acc a JOIN member m ON m.id = a.member_id, w
            """.formatted(WithdrawalStatus.RETURNED.sql(), WithdrawalStatus.RETURNED.sqlFrom(), ACCRUAL_GIVEN_BACK,
            AccountRepository.SNAPSHOT_COLUMNS, WithdrawalNotifications.notifyEach("w"),
            ChannelEventSql.withdrawals("events", "w") + settled("PAYOUT_RETURNED", "w.return_reason"),
            AccountRepository.credit("w.amount_fen"));

    private static final String RESCHEDULE = """
            UPDATE payout_outbox
            SET next_attempt_at = now() + $2 * interval '1 millisecond', locked_by = NULL, locked_until = NULL,
                last_error = $3, last_asked_at = now()
            WHERE withdrawal_id = $1 AND locked_by = $4
            """;

    /**
     * An operator's "ask the bank again": leases this one row now, whatever its next attempt time, if it was sent
     * (attempts > 0), is still open and nobody holds a live lease on it. The claim's SKIP LOCKED and this
     * statement's row lock keep the two from leasing the same row. Never a first attempt: the bank is asked first.
     */
    private static final String LEASE_ONE = """
            WITH claimed AS (
                UPDATE payout_outbox o
                SET locked_by = $2, locked_until = now() + $3 * interval '1 millisecond', attempts = o.attempts + 1,
                    first_sent_at = coalesce(o.first_sent_at, now())
                FROM withdrawal w
                WHERE o.withdrawal_id = $1 AND w.id = o.withdrawal_id AND w.status IN (%s) AND o.attempts > 0
                  AND (o.locked_until IS NULL OR o.locked_until < now())
                RETURNING o.withdrawal_id, o.attempts
            )
            SELECT w.id, w.member_id, w.category, w.amount_fen, w.status AS previous_status, c.attempts,
                   bc.bank_name, bc.masked_number, bc.holder_name, l.lending_bank, l.lending_bank_account,
                   l.contract_no
            FROM claimed c
            JOIN withdrawal w ON w.id = c.withdrawal_id
            LEFT JOIN bank_card bc ON bc.id = w.bank_card_id
            LEFT JOIN loan l ON l.id = w.loan_id
            """.formatted(WithdrawalStatus.sqlList(WithdrawalStatus.OPEN));

    /** Why {@link #LEASE_ONE} leased nothing. */
    private static final String LEASE_STATE = """
            SELECT w.status, o.attempts, coalesce(o.locked_until > now(), FALSE) AS leased
            FROM withdrawal w LEFT JOIN payout_outbox o ON o.withdrawal_id = w.id
            WHERE w.id = $1
            """;

    private static final String DROP_FINISHED = """
            DELETE FROM payout_outbox o USING withdrawal w
            WHERE o.withdrawal_id = $1 AND w.id = o.withdrawal_id AND w.status NOT IN (%s)
            """.formatted(WithdrawalStatus.sqlList(WithdrawalStatus.OPEN));

    /**
     * At shutdown: this replica hands back the leases it holds on rows it is not paying right now, so that another
     * replica picks them up at once instead of after the lease expires. Rows still in flight keep their lease.
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
            WHERE w.status IN (%s)
              AND NOT EXISTS (SELECT 1 FROM payout_outbox o WHERE o.withdrawal_id = w.id)
            ON CONFLICT DO NOTHING
            """.formatted(WithdrawalStatus.sqlList(WithdrawalStatus.OPEN));

    private final Pool db;
    private final WithdrawalEventHub events;
    private final Batcher<NamedSql.Binding, Paid> paidBatches;
    private final Batcher<NamedSql.Binding, Failed> failedBatches;

    public PayoutRepository(Pool db, WithdrawalEventHub events, PayoutConfig config, MeterRegistry metrics) {
        this.db = db;
        this.events = events;
        DistributionSummary sizes = DistributionSummary.builder("hpf.payout.paid.batch.items")
                .description("Paid payouts settled by one PostgreSQL statement and commit").register(metrics);
        int items = Math.min(config.settleBatchItems(), BatchedStatement.MAX_ITEMS);
        this.paidBatches = new Batcher<>("paid payout", items, 2,
                calls -> settle(PAID_BATCH, calls, r -> new Paid(AccountRepository.snapshot(r),
                        Duration.ofNanos(r.getLong("payout_micros") * 1000L))), sizes::record);
        this.failedBatches = new Batcher<>("failed payout", items, 2,
                calls -> settle(FAILED_BATCH, calls, r -> new Failed(AccountRepository.snapshot(r),
                        r.getString("category"), r.getLong("amount_fen"), r.getLocalDate("budget_day"),
                        r.getInteger("budget_shard"))), size -> {
                });
    }

    /** Runs a status-changing statement and publishes the events it described once it has committed. */
    private Uni<RowSet<Row>> changeStatus(String sql, Tuple args) {
        return db.preparedQuery(sql).execute(args).call(events::publishNotified);
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
        return new ClaimedPayout(id, WithdrawalStatus.valueOf(r.getString("previous_status")), r.getInteger("attempts"),
                order);
    }

    /** The row leased for an operator's question to the bank, or null when it cannot be (see {@link #leaseState}). */
    Uni<ClaimedPayout> leaseOne(UUID withdrawalId, String instanceId, Duration lease) {
        return db.preparedQuery(LEASE_ONE).execute(Tuple.of(withdrawalId, instanceId, lease.toMillis()))
                .map(rows -> first(rows, PayoutRepository::claimed));
    }

    /** The withdrawal's status, its outbox attempts (null without a row) and whether a live lease holds it. */
    Uni<LeaseState> leaseState(UUID withdrawalId) {
        return db.preparedQuery(LEASE_STATE).execute(Tuple.of(withdrawalId)).map(rows -> first(rows,
                r -> new LeaseState(r.getString(0), r.getInteger(1), r.getBoolean(2))));
    }

    /** The status as members see it (PAYING from the first lease on), or null when there is no such withdrawal. */
    public Uni<String> visibleStatus(UUID withdrawalId) {
        return db.preparedQuery("SELECT " + WithdrawalRepository.VISIBLE_STATUS + " FROM withdrawal w WHERE w.id = $1")
                .execute(Tuple.of(withdrawalId)).map(rows -> first(rows, r -> r.getString(0)));
    }

    /**
     * The account after the posting and the accepted → paid time, or null when it was no longer open. Settled with
     * the other payouts the bank confirmed meanwhile, in one statement; each is posted or refused on its own.
     */
    Uni<Paid> markPaid(UUID withdrawalId, String bankReference) {
        return paidBatches.submit(PAID_BATCH.item().bind().set("withdrawal", withdrawalId)
                .set("bankReference", bankReference));
    }

    /** Paid payouts waiting for their batch's answer (tests). */
    int paidPending() {
        return paidBatches.pending();
    }

    /** One batch of settlements; the events of every item are published in one message after the commit. */
    private <T> Uni<Void> settle(BatchedStatement statement, List<Batcher.Pending<NamedSql.Binding, T>> calls,
                                 Function<Row, T> found) {
        NamedSql.Binding call = statement.call().bind().set("items", statement.itemsOf(calls));
        return db.preparedQuery(statement.call().sql()).execute(call.tuple())
                .call(events::publishEveryNotified)
                .invoke(rows -> BatchedStatement.answer(rows, calls, found, e -> e))
                .replaceWithVoid();
    }

    /**
     * The account after the void and what admission reserved, or null when it was no longer open. Settled with the
     * other rejections the bank answered meanwhile, in one statement.
     */
    Uni<Failed> markFailed(UUID withdrawalId, String code, String reason) {
        return failedBatches.submit(FAILED_BATCH.item().bind().set("withdrawal", withdrawalId).set("code", code)
                .set("reason", reason));
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

    Uni<Integer> handBackLeases(String instanceId, UUID[] inFlight) {
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
        return db.preparedQuery("SELECT w.id, " + WithdrawalRepository.VISIBLE_STATUS
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

    record LeaseState(String status, Integer attempts, boolean leased) {
    }

    record Paid(AccountSnapshot account, Duration acceptedToPaid) {
    }

    record Failed(AccountSnapshot account, String category, long amountFen, LocalDate budgetDay, int budgetShard) {
    }
}
