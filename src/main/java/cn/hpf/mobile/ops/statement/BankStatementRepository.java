package cn.hpf.mobile.ops.statement;

import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.db.LongQueries;
import cn.hpf.mobile.payout.BankStatement;
import cn.hpf.mobile.withdrawal.WithdrawalRepository;
import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The bank statement reconciliations: compared, stored and audited in one statement; read back by day. */
@ApplicationScoped
public class BankStatementRepository {

    static final String ACTION = "BANK_STATEMENT_RECONCILE";

    /**
     * One pass, one snapshot. $1–$3: the statement's withdrawal ids, amounts and statuses; $4, $5: the Shanghai
     * day's bounds; $6: the day; $7: the operator; $8, $9: the statement's line count and total; $10: mismatches
     * listed per kind; $11: the operator's client address. The centre's side of the day is every withdrawal paid through the bank that finished that
     * day: PAID or RETURNED by paid_at, FAILED (refused by the bank) by updated_at. A statement line about a
     * withdrawal the centre finished on another day, or has not finished, is compared with it all the same, so
     * only a withdrawal the centre has never heard of is UNKNOWN_TO_CENTRE. PAID on the statement agrees with PAID
     * or RETURNED (sent back later), REJECTED with FAILED. The run, its mismatches and the audit row are written
     * by this statement, so a result is stored whole or not at all.
     */
    private static final String RECONCILE = """
            WITH s AS (
                SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS s(withdrawal_id, amount_fen, status)
            ), c AS (
                SELECT w.id, w.amount_fen, w.status FROM withdrawal w
                WHERE NOT w.settled_internally
                  AND ((w.status IN (%1$s) AND w.paid_at >= $4 AND w.paid_at < $5)
                    OR (w.status = %2$s AND w.updated_at >= $4 AND w.updated_at < $5))
            ), other_days AS (
                SELECT w.id, w.amount_fen, %3$s AS status
                FROM s JOIN withdrawal w ON w.id = s.withdrawal_id
                WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.id = w.id)
            ), p AS (
                SELECT coalesce(s.withdrawal_id, x.id) AS id, x.amount_fen AS centre_amount,
                       s.amount_fen AS bank_amount, x.status AS centre_status, s.status AS bank_status
                FROM s FULL JOIN (SELECT * FROM c UNION ALL SELECT * FROM other_days) x ON x.id = s.withdrawal_id
            ), m AS (
                SELECT k.kind, p.* FROM p CROSS JOIN LATERAL (VALUES
                    (CASE WHEN p.bank_status IS NULL THEN 'MISSING_AT_BANK' END),
                    (CASE WHEN p.centre_status IS NULL THEN 'UNKNOWN_TO_CENTRE' END),
                    (CASE WHEN p.bank_status IS NOT NULL AND p.centre_status IS NOT NULL
                               AND p.bank_amount <> p.centre_amount THEN 'AMOUNT_DIFFERS' END),
                    (CASE WHEN p.bank_status IS NOT NULL AND p.centre_status IS NOT NULL
                               AND NOT ((p.bank_status = 'PAID' AND p.centre_status IN (%1$s))
                                        OR (p.bank_status = 'REJECTED' AND p.centre_status = %2$s))
                          THEN 'STATUS_DIFFERS' END)) AS k(kind)
                WHERE k.kind IS NOT NULL
            ), listed AS (
                SELECT m.*, row_number() OVER (PARTITION BY m.kind ORDER BY m.id) AS rn FROM m
            ), run AS (
                INSERT INTO bank_statement_run (statement_date, checked_by, clean, statement_lines, statement_total_fen,
                                                centre_count, centre_total_fen, mismatch_count, mismatches)
                SELECT $6, $7, NOT EXISTS (SELECT 1 FROM m), $8, $9,
                       (SELECT count(*) FROM c), (SELECT coalesce(sum(amount_fen), 0) FROM c),
                       (SELECT count(*) FROM m),
                       coalesce((SELECT jsonb_agg(jsonb_build_object(
                                        'kind', kind, 'withdrawalId', id, 'centreAmountFen', centre_amount,
                                        'bankAmountFen', bank_amount, 'centreStatus', centre_status,
                                        'bankStatus', bank_status) ORDER BY kind, id)
                                 FROM listed WHERE rn <= $10), '[]'::jsonb)
                RETURNING *
            )%4$s
            SELECT * FROM run
            """.formatted(
            WithdrawalStatus.sqlList(java.util.EnumSet.of(WithdrawalStatus.PAID, WithdrawalStatus.RETURNED)),
            WithdrawalStatus.FAILED.sql(), WithdrawalRepository.VISIBLE_STATUS,
            AuditRepository.append(ACTION).from("run").by("$7", "'OPS'", "NULL", "$11").target("$6::date")
                    .result("CASE WHEN run.clean THEN 'clean' ELSE run.mismatch_count || ' mismatch(es)' END").cte());

    private static final String LATEST = """
            SELECT * FROM bank_statement_run WHERE statement_date = $1 ORDER BY checked_at DESC, id DESC LIMIT 1
            """;

    private final Pool db;
    private final LongQueries queries;

    public BankStatementRepository(Pool db, LongQueries queries) {
        this.db = db;
        this.queries = queries;
    }

    Uni<BankStatementReconciliation> reconcile(BankStatement statement, OffsetDateTime from, OffsetDateTime to,
                                               String operator, String client, int perKind) {
        int n = statement.lines().size();
        UUID[] ids = new UUID[n];
        Long[] amounts = new Long[n];
        String[] statuses = new String[n];
        for (int i = 0; i < n; i++) {
            BankStatement.Line l = statement.lines().get(i);
            ids[i] = l.withdrawalId();
            amounts[i] = l.amountFen();
            statuses[i] = l.status();
        }
        Tuple args = Tuple.from(new Object[]{ids, amounts, statuses, from, to, statement.date(), operator, n,
                statement.totalFen(), perKind, client});
        return queries.run(db, RECONCILE, args).map(BankStatementRepository::first);
    }

    /** The latest reconciliation of that day's statement, or null. */
    Uni<BankStatementReconciliation> latest(LocalDate date) {
        return db.preparedQuery(LATEST).execute(Tuple.of(date)).map(BankStatementRepository::first);
    }

    private static BankStatementReconciliation first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? reconciliation(it.next()) : null;
    }

    private static BankStatementReconciliation reconciliation(Row r) {
        List<BankStatementReconciliation.Mismatch> mismatches = new ArrayList<>();
        Object json = r.getValue("mismatches");
        JsonArray list = json instanceof JsonArray a ? a : new JsonArray(String.valueOf(json));
        for (int i = 0; i < list.size(); i++) {
            JsonObject m = list.getJsonObject(i);
            mismatches.add(new BankStatementReconciliation.Mismatch(m.getString("kind"),
                    UUID.fromString(m.getString("withdrawalId")), m.getLong("centreAmountFen"),
                    m.getLong("bankAmountFen"), m.getString("centreStatus"), m.getString("bankStatus")));
        }
        return new BankStatementReconciliation(r.getLocalDate("statement_date"), r.getBoolean("clean"),
                r.getOffsetDateTime("checked_at").withOffsetSameInstant(ZoneOffset.UTC), r.getString("checked_by"),
                new BankStatementReconciliation.Statement(r.getInteger("statement_lines"),
                        r.getLong("statement_total_fen")),
                new BankStatementReconciliation.Centre(r.getInteger("centre_count"), r.getLong("centre_total_fen")),
                r.getInteger("mismatch_count"), mismatches);
    }
}
