package cn.hpf.mobile.loan;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.db.NamedSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the 按月转账 job. */
@ApplicationScoped
public class AutoTransferRepository {

    /**
     * One statement draws one instalment: the account is debited only where balance − held covers it and the loan
     * is still at the expected version and period; the LOAN_AUTO_TRANSFER entry's reference 'loan:<id>:<yyyy-MM>'
     * is unique, so a second draw for the month (another instance, a re-run) fails as a whole; the loan advances
     * and the month's record turns PAID in the same statement. If the loan step finds nothing after the account
     * was debited, the guard divides by zero and everything rolls back.
     */
    private static final NamedSql DRAW = NamedSql.of("""
            WITH l AS (
                SELECT id, member_id FROM loan
                WHERE id = #{loan} AND version = #{version} AND paid_periods = #{period}::int - 1 AND status = 'ACTIVE'
                  AND auto_transfer AND overdue_periods = 0 AND pending_repayment_fen = 0
            ), acc AS (
                UPDATE account a SET balance_fen = a.balance_fen - #{amount}::bigint, version = a.version + 1,
                                     updated_at = now()
                FROM l
                WHERE a.member_id = l.member_id AND a.balance_fen - a.held_fen >= #{amount}::bigint
                RETURNING a.*
            ), entry AS (
                INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description, reference,
                                          channel, actor)
                SELECT acc.member_id, 'LOAN_AUTO_TRANSFER', -(#{amount}::bigint), acc.balance_fen, #{description},
                       #{reference}, 'SYSTEM', 'system:loan-auto-transfer'
                FROM acc
                RETURNING id
            ), lu AS (
                UPDATE loan SET paid_periods = loan.paid_periods + 1,
                       outstanding_principal_fen = loan.outstanding_principal_fen - #{principal}::bigint,
                       status = CASE WHEN loan.outstanding_principal_fen = #{principal}::bigint THEN 'CLOSED'
                                     ELSE loan.status END,
                       closed_at = CASE WHEN loan.outstanding_principal_fen = #{principal}::bigint THEN now() END,
                       version = loan.version + 1, updated_at = now()
                FROM entry
                WHERE loan.id = #{loan} AND loan.version = #{version} AND loan.paid_periods = #{period}::int - 1
                  AND loan.pending_repayment_fen = 0
                RETURNING loan.id, loan.member_id
            ), rec AS (
                INSERT INTO loan_auto_transfer (loan_id, month, member_id, period, status, amount_fen, principal_fen,
                                                interest_fen, available_fen, ledger_entry_id)
                SELECT #{loan}, #{month}, lu.member_id, #{period}::int, 'PAID', #{amount}::bigint,
                       #{principal}::bigint, #{interest}::bigint, acc.balance_fen - acc.held_fen, entry.id
                FROM lu, acc, entry
                ON CONFLICT (loan_id, month) DO UPDATE SET status = 'PAID', reason = NULL, period = EXCLUDED.period,
                    amount_fen = EXCLUDED.amount_fen, principal_fen = EXCLUDED.principal_fen,
                    interest_fen = EXCLUDED.interest_fen, available_fen = EXCLUDED.available_fen,
                    ledger_entry_id = EXCLUDED.ledger_entry_id, attempts = loan_auto_transfer.attempts + 1,
                    updated_at = now()
                RETURNING loan_id
            )%s, guard AS (
                SELECT (SELECT count(*) FROM l) AS eligible,
                       1 / (CASE WHEN (SELECT count(*) FROM acc) = (SELECT count(*) FROM rec) THEN 1 ELSE 0 END) AS ok
            )
            SELECT %s, g.eligible, g.ok, (SELECT a2.balance_fen - a2.held_fen FROM account a2
                                          JOIN loan l2 ON l2.member_id = a2.member_id WHERE l2.id = #{loan}) AS available
            FROM guard g LEFT JOIN (acc a JOIN member m ON m.id = a.member_id) ON true
            """.formatted(AuditRepository.append("LOAN_AUTO_TRANSFER").from("lu")
                    .by("'system:loan-auto-transfer'", "'SYSTEM'", "NULL", "NULL").member("lu.member_id")
                    .amount("#{amount}").target("#{reference}").result("'PAID'").cte(),
            AccountRepository.SNAPSHOT_COLUMNS));

    /**
     * A month the job could not draw, with why; a later successful draw turns it PAID. {@code attempts} counts the
     * runs that tried it: a run is once per cluster ({@link AutoTransferJob}).
     */
    private static final NamedSql SKIP = NamedSql.of("""
            INSERT INTO loan_auto_transfer (loan_id, month, member_id, period, status, reason, amount_fen,
                                            principal_fen, interest_fen, available_fen)
            VALUES (#{loan}, #{month}, #{member}, #{period}, 'SKIPPED', #{reason}, #{amount}, #{principal}, #{interest},
                    #{available})
            ON CONFLICT (loan_id, month) DO UPDATE SET reason = EXCLUDED.reason, period = EXCLUDED.period,
                amount_fen = EXCLUDED.amount_fen, principal_fen = EXCLUDED.principal_fen,
                interest_fen = EXCLUDED.interest_fen, available_fen = EXCLUDED.available_fen,
                attempts = loan_auto_transfer.attempts + 1, updated_at = now()
            WHERE loan_auto_transfer.status = 'SKIPPED'
            """);

    private final Pool db;

    public AutoTransferRepository(Pool db) {
        this.db = db;
    }

    /** Active loans with 按月转账 on whose month is not yet paid. */
    public Uni<List<Loan>> candidates(YearMonth month) {
        return db.preparedQuery("SELECT " + Loan.COLUMNS + " FROM loan l WHERE l.auto_transfer AND l.status = 'ACTIVE' "
                        + "AND NOT EXISTS (SELECT 1 FROM loan_auto_transfer t WHERE t.loan_id = l.id AND t.month = $1 "
                        + "AND t.status = 'PAID') ORDER BY l.id")
                .execute(Tuple.of(month.toString())).map(LoanRepository::all);
    }

    /** What one draw did: the account after it (null when nothing was drawn), and the member's available balance. */
    public record Drawn(boolean eligible, AccountSnapshot account, long availableFen) {
    }

    public Uni<Drawn> draw(Loan loan, int period, long amountFen, long principalFen, long interestFen,
                           YearMonth month) {
        String reference = "loan:" + loan.id() + ":" + month;
        String description = "按月转账 Loan instalment " + loan.contractNo() + " period " + period;
        return db.preparedQuery(DRAW.sql()).execute(DRAW.bind().set("loan", loan.id()).set("version", loan.version())
                        .set("period", period).set("amount", amountFen).set("principal", principalFen)
                        .set("interest", interestFen).set("month", month.toString()).set("reference", reference)
                        .set("description", description).tuple())
                .map(rows -> {
                    Row r = rows.iterator().next();
                    boolean drawn = r.getValue("member_id") != null;
                    Long available = r.getLong("available");
                    return new Drawn(r.getLong("eligible") == 1, drawn ? AccountRepository.snapshot(r) : null,
                            available == null ? 0 : available);
                });
    }

    public Uni<Void> skip(Loan loan, YearMonth month, int period, String reason, long amountFen, long principalFen,
                          long interestFen, Long availableFen) {
        return db.preparedQuery(SKIP.sql()).execute(SKIP.bind().set("loan", loan.id()).set("month", month.toString())
                .set("member", loan.memberId()).set("period", period).set("reason", reason).set("amount", amountFen)
                .set("principal", principalFen).set("interest", interestFen).set("available", availableFen).tuple())
                .replaceWithVoid();
    }

    /** The month's outcomes, PAID or SKIPPED or both (status null), by loan, at most {@code limit}. */
    Uni<List<AutoTransferRecord>> list(YearMonth month, String status, int limit) {
        return db.preparedQuery("SELECT loan_id, member_id, month, period, status, reason, amount_fen, available_fen, "
                        + "attempts, updated_at FROM loan_auto_transfer WHERE month = $1 AND ($2::text IS NULL "
                        + "OR status = $2) ORDER BY loan_id LIMIT " + limit)
                .execute(Tuple.of(month.toString(), status))
                .map(rows -> {
                    List<AutoTransferRecord> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(new AutoTransferRecord(r.getLong(0), r.getLong(1), r.getString(2), r.getInteger(3),
                                r.getString(4), r.getString(5), r.getLong(6), r.getLong(7), r.getInteger(8),
                                r.getOffsetDateTime(9)));
                    }
                    return out;
                });
    }
}
