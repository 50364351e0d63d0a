package cn.hpf.mobile.ops;

import cn.hpf.mobile.common.db.LongQueries;
import cn.hpf.mobile.transfer.TransferInStatus;
import cn.hpf.mobile.transfer.TransferOutStatus;
import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Set-based checks, one statement each, so that every comparison is made within one consistent snapshot of
 * PostgreSQL. Each returns at most {@code limit} mismatches; the totals always cover everything.
 */
@ApplicationScoped
public class ReconciliationRepository {

    private static final String OPEN = WithdrawalStatus.sqlList(WithdrawalStatus.OPEN);
    private static final String PAID_OR_RETURNED = WithdrawalStatus.sqlList(
            java.util.EnumSet.of(WithdrawalStatus.PAID, WithdrawalStatus.RETURNED));

    private static final String TOTALS = """
            WITH l AS (
                SELECT coalesce(sum(amount_fen) FILTER (WHERE type = 'DEPOSIT'), 0) AS deposits,
                       coalesce(sum(amount_fen) FILTER (WHERE type = 'SUPPLEMENTARY_DEPOSIT'), 0) AS supplementary,
                       coalesce(sum(amount_fen) FILTER (WHERE type = 'INTEREST'), 0) AS interest,
                       coalesce(sum(amount_fen) FILTER (WHERE type = 'TRANSFER_IN'), 0) AS transfers_in,
                       coalesce(sum(amount_fen) FILTER (WHERE type = 'RETURNED'), 0) AS returned,
                       coalesce(-sum(amount_fen) FILTER (WHERE type = 'WITHDRAWAL'), 0) AS withdrawals,
                       coalesce(-sum(amount_fen) FILTER (WHERE type = 'LOAN_AUTO_TRANSFER'), 0) AS auto_transfers,
                       coalesce(-sum(amount_fen) FILTER (WHERE type = 'TRANSFER_OUT'), 0) AS transfers_out
                FROM ledger_entry
            ), a AS (
                SELECT coalesce(sum(balance_fen), 0) AS balances, coalesce(sum(held_fen), 0) AS held FROM account
            ), w AS (
                SELECT coalesce(sum(amount_fen) FILTER (WHERE status IN (%1$s)), 0) AS paid,
                       coalesce(sum(amount_fen) FILTER (WHERE status IN (%1$s)
                                                          AND NOT settled_internally), 0) AS paid_by_bank,
                       coalesce(sum(amount_fen) FILTER (WHERE status IN (%2$s)), 0) AS open,
                       count(*) FILTER (WHERE status IN (%2$s)
                                          AND created_at < now() - $1 * interval '1 millisecond') AS stuck
                FROM withdrawal
            )
            SELECT l.*, a.*, w.*, %%s AS bank_paid FROM l, a, w
            """.formatted(PAID_OR_RETURNED, OPEN);

    /**
     * What the sandbox bank paid and settled, except for withdrawals still in flight on our side; one definition
     * for the total check and the per-withdrawal check, so that they always agree.
     */
    private static final String SETTLED_BANK_PAYMENTS = """
            SELECT p.withdrawal_id, p.amount_fen FROM sandbox_bank_payment p
            WHERE p.outcome = 'PAID' AND p.settles_at <= now()
              AND NOT EXISTS (SELECT 1 FROM withdrawal o WHERE o.id = p.withdrawal_id
                                                          AND o.status IN (%s))""".formatted(OPEN);

    private static final String BANK_PAID =
            "(SELECT coalesce(sum(s.amount_fen), 0) FROM (" + SETTLED_BANK_PAYMENTS + ") s)";

    private static final String ACCOUNTS = """
            WITH e AS (
                SELECT member_id, sum(amount_fen) AS total FROM ledger_entry GROUP BY member_id
            ), h AS (
                SELECT member_id, sum(amount_fen) AS total FROM (
                    SELECT member_id, amount_fen FROM withdrawal WHERE status IN (%s)
                    UNION ALL
                    SELECT member_id, amount_fen FROM transfer_out WHERE status = %s) held
                GROUP BY member_id
            )
            SELECT a.member_id, a.balance_fen, coalesce(e.total, 0) AS ledger, a.held_fen, coalesce(h.total, 0) AS holds
            FROM account a
            LEFT JOIN e ON e.member_id = a.member_id
            LEFT JOIN h ON h.member_id = a.member_id
            WHERE a.balance_fen <> coalesce(e.total, 0) OR a.held_fen <> coalesce(h.total, 0)
            ORDER BY a.member_id
            LIMIT $1
            """.formatted(OPEN, TransferOutStatus.HELD.sql());

    /**
     * Each CREDITED transfer-in has exactly its TRANSFER_IN entry and each POSTED transfer-out its TRANSFER_OUT entry
     * (reference: the platform's transfer id), and no such entry exists without its transfer. TRANSFER_IN entries
     * that name no transfer (opening balances from before the platform) are not the platform's.
     */
    private static final String TRANSFER_POSTINGS = """
            SELECT 'TRANSFER_IN_VS_LEDGER' AS kind, coalesce(t.platform_transfer_id, e.reference) AS reference,
                   coalesce(t.member_id, e.member_id) AS member_id, coalesce(t.amount_fen, 0) AS expected,
                   coalesce(e.amount_fen, 0) AS actual
            FROM (SELECT * FROM transfer_in WHERE status = %1$s) t
            FULL JOIN (SELECT e.* FROM ledger_entry e
                       WHERE e.type = 'TRANSFER_IN'
                         AND EXISTS (SELECT 1 FROM transfer_in x WHERE x.platform_transfer_id = e.reference)) e
                   ON e.reference = t.platform_transfer_id
            WHERE t.id IS NULL OR e.id IS NULL OR e.amount_fen <> t.amount_fen OR e.member_id <> t.member_id
            UNION ALL
            SELECT 'TRANSFER_OUT_VS_LEDGER', coalesce(t.platform_transfer_id, e.reference),
                   coalesce(t.member_id, e.member_id), coalesce(t.amount_fen, 0), coalesce(-e.amount_fen, 0)
            FROM (SELECT * FROM transfer_out WHERE status = %2$s) t
            FULL JOIN (SELECT * FROM ledger_entry WHERE type = 'TRANSFER_OUT') e ON e.reference = t.platform_transfer_id
            WHERE t.id IS NULL OR e.id IS NULL OR -e.amount_fen <> t.amount_fen OR e.member_id <> t.member_id
            LIMIT $1
            """.formatted(TransferInStatus.CREDITED.sql(), TransferOutStatus.POSTED.sql());

    /**
     * Each PAID or RETURNED withdrawal has exactly its WITHDRAWAL entry (and each RETURNED one its RETURNED
     * entry), and no such entry exists without one.
     */
    private static final String POSTINGS = """
            SELECT coalesce(w.id::text, e.reference) AS reference, coalesce(w.member_id, e.member_id) AS member_id,
                   coalesce(w.amount_fen, 0) AS expected, coalesce(abs(e.amount_fen), 0) AS actual
            FROM (SELECT id, member_id, amount_fen FROM withdrawal WHERE status IN (%s)) w
            FULL JOIN (SELECT member_id, reference, amount_fen FROM ledger_entry WHERE type = '%s') e
                   ON e.reference = w.id::text
            WHERE w.id IS NULL OR e.reference IS NULL OR abs(e.amount_fen) <> w.amount_fen
               OR e.member_id <> w.member_id
            LIMIT $1
            """;

    private static final String BANK = """
            SELECT coalesce(w.id, b.withdrawal_id) AS id, w.member_id,
                   coalesce(w.amount_fen, 0) AS expected, coalesce(b.amount_fen, 0) AS actual
            FROM (SELECT id, member_id, amount_fen FROM withdrawal
                  WHERE status IN (%s) AND NOT settled_internally) w
            FULL JOIN (%s) b ON b.withdrawal_id = w.id
            WHERE w.id IS NULL OR b.withdrawal_id IS NULL OR b.amount_fen <> w.amount_fen
            LIMIT $1
            """.formatted(PAID_OR_RETURNED, SETTLED_BANK_PAYMENTS);

    /** Transfers between cities still open after the given time: the platform or the other centre went silent. */
    private static final String STUCK_TRANSFERS = """
            SELECT id, member_id, 'in ' || status AS status,
                   (extract(epoch FROM now() - created_at))::bigint AS age_seconds, created_at
            FROM transfer_in WHERE status IN (%s, %s) AND created_at < now() - $1 * interval '1 millisecond'
            UNION ALL
            SELECT id, member_id, 'out ' || status, (extract(epoch FROM now() - created_at))::bigint, created_at
            FROM transfer_out WHERE status = %s AND created_at < now() - $1 * interval '1 millisecond'
            ORDER BY created_at
            LIMIT $2
            """.formatted(TransferInStatus.REQUESTED.sql(), TransferInStatus.CONFIRMED.sql(),
            TransferOutStatus.HELD.sql());

    private static final String STUCK = """
            SELECT id, member_id, status, (extract(epoch FROM now() - created_at))::bigint AS age_seconds
            FROM withdrawal
            WHERE status IN (%s) AND created_at < now() - $1 * interval '1 millisecond'
            ORDER BY created_at
            LIMIT $2
            """.formatted(OPEN);

    /** Each day's budget shard row equals the withdrawals it stands for: not FAILED and paid through the bank. */
    private static final String BUDGET_ROWS = """
            WITH w AS (
                SELECT budget_day, budget_shard AS shard, sum(amount_fen) AS total FROM withdrawal
                WHERE status IN (%s) AND NOT settled_internally GROUP BY budget_day, budget_shard
            )
            SELECT coalesce(b.budget_day, w.budget_day) AS budget_day, coalesce(b.shard, w.shard) AS shard,
                   coalesce(w.total, 0) AS expected, coalesce(b.reserved_fen, 0) AS actual
            FROM payout_budget_shard b FULL JOIN w ON w.budget_day = b.budget_day AND w.shard = b.shard
            WHERE coalesce(w.total, 0) <> coalesce(b.reserved_fen, 0)
            ORDER BY 1, 2
            LIMIT $1
            """.formatted(WithdrawalStatus.sqlList(WithdrawalStatus.BUDGETED));

    /** No day's paid and in-flight withdrawals above the daily budget in force that day (shard by shard). */
    private static final String BUDGET_DAYS = """
            SELECT budget_day, shard, reserved_fen, limit_fen FROM payout_budget_shard
            WHERE reserved_fen > limit_fen
            ORDER BY budget_day, shard
            LIMIT $1
            """;

    private final Pool db;
    private final LongQueries queries;

    public ReconciliationRepository(Pool db, LongQueries queries) {
        this.db = db;
        this.queries = queries;
    }

    private Uni<RowSet<Row>> query(String sql, Tuple args) {
        return queries.run(db, sql, args);
    }

    Uni<Row> totals(Duration stuckAfter, boolean withBank) {
        return query(TOTALS.formatted(withBank ? BANK_PAID : "NULL::bigint"), Tuple.of(stuckAfter.toMillis()))
                .map(rows -> rows.iterator().next());
    }

    Uni<List<Mismatch>> budgetRows(int limit) {
        return query(BUDGET_ROWS, Tuple.of(limit)).map(rows -> map(rows, r -> new Mismatch("BUDGET_VS_WITHDRAWALS",
                null, null, r.getLong("expected"), r.getLong("actual"), "budget " + r.getLocalDate("budget_day")
                + " shard " + r.getInteger("shard") + ": its row vs its withdrawals that are not FAILED")));
    }

    Uni<List<Mismatch>> budgetDays(int limit) {
        return query(BUDGET_DAYS, Tuple.of(limit)).map(rows -> map(rows, r -> new Mismatch("BUDGET_EXCEEDED", null,
                null, r.getLong("limit_fen"), r.getLong("reserved_fen"), "paid and in-flight withdrawals of "
                + r.getLocalDate("budget_day") + " shard " + r.getInteger("shard") + " vs its share of the budget")));
    }

    Uni<List<Mismatch>> accounts(int limit) {
        return query(ACCOUNTS, Tuple.of(limit)).map(rows -> {
            List<Mismatch> found = new ArrayList<>();
            for (Row r : rows) {
                long member = r.getLong("member_id");
                if (r.getLong("balance_fen") != r.getLong("ledger")) {
                    found.add(new Mismatch("ACCOUNT_BALANCE_VS_LEDGER", member, null, r.getLong("ledger"),
                            r.getLong("balance_fen"), "sum of ledger entries vs account balance"));
                }
                if (r.getLong("held_fen") != r.getLong("holds")) {
                    found.add(new Mismatch("ACCOUNT_HELD_VS_OPEN_WITHDRAWALS", member, null, r.getLong("holds"),
                            r.getLong("held_fen"), "ACCEPTED + PAYING withdrawals + HELD transfers-out vs account held"));
                }
            }
            return found;
        });
    }

    Uni<List<Mismatch>> withdrawalPostings(int limit) {
        return postings(PAID_OR_RETURNED, "WITHDRAWAL", "WITHDRAWAL_VS_LEDGER", limit);
    }

    Uni<List<Mismatch>> returnPostings(int limit) {
        return postings(WithdrawalStatus.RETURNED.sql(), "RETURNED", "RETURN_VS_LEDGER", limit);
    }

    private Uni<List<Mismatch>> postings(String statuses, String entryType, String kind, int limit) {
        return query(POSTINGS.formatted(statuses, entryType), Tuple.of(limit))
                .map(rows -> map(rows, r -> new Mismatch(kind, r.getLong("member_id"), uuid(r.getString("reference")),
                        r.getLong("expected"), r.getLong("actual"),
                        "withdrawal amount vs its " + entryType + " entry (reference " + r.getString("reference") + ")")));
    }

    Uni<List<Mismatch>> transferPostings(int limit) {
        return query(TRANSFER_POSTINGS, Tuple.of(limit))
                .map(rows -> map(rows, r -> new Mismatch(r.getString("kind"), r.getLong("member_id"), null,
                        r.getLong("expected"), r.getLong("actual"),
                        "transfer amount vs its ledger entry (platform transfer " + r.getString("reference") + ")")));
    }

    Uni<List<Mismatch>> bank(int limit) {
        return query(BANK, Tuple.of(limit))
                .map(rows -> map(rows, r -> new Mismatch("WITHDRAWAL_VS_BANK", r.getLong("member_id"), r.getUUID("id"),
                        r.getLong("expected"), r.getLong("actual"), "paid withdrawal vs the bank's settled payment")));
    }

    Uni<List<Mismatch>> stuck(Duration after, int limit) {
        return query(STUCK, Tuple.of(after.toMillis(), limit))
                .map(rows -> map(rows, r -> new Mismatch("STUCK_WITHDRAWAL", r.getLong("member_id"), r.getUUID("id"),
                        after.toSeconds(), r.getLong("age_seconds"),
                        r.getString("status") + " for longer than allowed (seconds)")));
    }

    Uni<List<Mismatch>> stuckTransfers(Duration after, int limit) {
        return query(STUCK_TRANSFERS, Tuple.of(after.toMillis(), limit))
                .map(rows -> map(rows, r -> new Mismatch("STUCK_TRANSFER", r.getLong("member_id"), r.getUUID("id"),
                        after.toSeconds(), r.getLong("age_seconds"),
                        "transfer " + r.getString("status") + " for longer than allowed (seconds)")));
    }

    Uni<Void> record(java.time.Instant checkedAt, boolean clean, int mismatches) {
        return db.preparedQuery("INSERT INTO reconciliation_run (checked_at, clean, mismatches) VALUES ($1, $2, $3)")
                .execute(Tuple.of(checkedAt.atOffset(java.time.ZoneOffset.UTC), clean, mismatches)).replaceWithVoid();
    }

    /** PostgreSQL's balance, held and version of these accounts. */
    Uni<Map<Long, long[]>> accountVersions(List<Long> memberIds) {
        return db.preparedQuery("SELECT member_id, balance_fen, held_fen, version FROM account WHERE member_id = ANY ($1)")
                .execute(Tuple.of(memberIds.toArray(Long[]::new))).map(rows -> {
                    Map<Long, long[]> found = new HashMap<>();
                    for (Row r : rows) {
                        found.put(r.getLong(0), new long[]{r.getLong(1), r.getLong(2), r.getLong(3)});
                    }
                    return found;
                });
    }

    private static List<Mismatch> map(RowSet<Row> rows, Function<Row, Mismatch> f) {
        List<Mismatch> found = new ArrayList<>(rows.size());
        rows.forEach(r -> found.add(f.apply(r)));
        return found;
    }

    private static UUID uuid(String reference) {
        try {
            return reference == null ? null : UUID.fromString(reference);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
