package cn.hpf.mobile.ops.stats;

import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;

/** The console's figures and the refusal counts they include. */
@ApplicationScoped
public class StatsRepository {

    /**
     * A day's figures in one statement, so that they all come from one snapshot: rows of (kind, label, n, amount,
     * at). $1, $2: the day's bounds; $3: the day.
     */
    private static final String DAY = """
            WITH w AS (
                SELECT category, channel, amount_fen, status, created_at, paid_at, settled_internally
                FROM withdrawal WHERE created_at >= $1 AND created_at < $2
            ), latency AS (
                SELECT (extract(epoch FROM paid_at - created_at) * 1000)::bigint AS ms FROM w
                WHERE paid_at IS NOT NULL AND NOT settled_internally
            )
            SELECT 'total' AS kind, NULL AS label, count(*) AS n, coalesce(sum(amount_fen), 0)::bigint AS amount,
                   NULL::timestamptz AS at FROM w
            UNION ALL
            SELECT 'paid', NULL, count(*), coalesce(sum(amount_fen), 0)::bigint, NULL FROM w WHERE status IN (%s)
            UNION ALL
            SELECT 'failed', NULL, count(*), coalesce(sum(amount_fen), 0)::bigint, NULL FROM w WHERE status = %s
            UNION ALL
            SELECT 'category', category, count(*), sum(amount_fen)::bigint, NULL FROM w GROUP BY category
            UNION ALL
            SELECT 'channel', channel, count(*), sum(amount_fen)::bigint, NULL FROM w GROUP BY channel
            UNION ALL
            (SELECT 'peak', NULL, count(*), NULL, date_trunc('minute', created_at) FROM w
             GROUP BY date_trunc('minute', created_at) ORDER BY count(*) DESC, date_trunc('minute', created_at) LIMIT 1)
            UNION ALL
            SELECT 'latency', NULL, count(*), NULL, NULL FROM latency
            UNION ALL
            SELECT 'p' || (q * 100)::int, NULL,
                   (SELECT percentile_disc(q) WITHIN GROUP (ORDER BY ms) FROM latency), NULL, NULL
            FROM unnest(ARRAY[0.5, 0.95, 0.99]) AS q WHERE EXISTS (SELECT 1 FROM latency)
            UNION ALL
            SELECT 'refusal', code, count, NULL, NULL FROM refusal_count WHERE day = $3 AND count > 0
            UNION ALL
            SELECT 'notification', app_id, count(*) FILTER (WHERE delivery_status = 'FAILED'),
                   count(*) FILTER (WHERE delivery_status = 'PENDING' AND attempts > 0), NULL
            FROM channel_event WHERE created_at >= $1 AND created_at < $2
            GROUP BY app_id
            HAVING count(*) FILTER (WHERE delivery_status = 'FAILED' OR (delivery_status = 'PENDING' AND attempts > 0)) > 0
            UNION ALL
            (SELECT 'reconciliation', clean::text, mismatches, NULL, checked_at FROM reconciliation_run
             WHERE checked_at < $2 ORDER BY checked_at DESC LIMIT 1)
            UNION ALL
            (SELECT 'bank_statement', clean::text, mismatch_count, NULL, checked_at FROM bank_statement_run
             WHERE statement_date = $3 ORDER BY checked_at DESC, id DESC LIMIT 1)
            """.formatted(WithdrawalStatus.sqlList(EnumSet.of(WithdrawalStatus.PAID, WithdrawalStatus.RETURNED)),
            WithdrawalStatus.FAILED.sql());

    /**
     * The live figures in one statement: $1 the minute's start, $2 the Shanghai day's start. The day's rows are
     * found through the BRIN index, the open ones through the partial index withdrawal_open.
     */
    private static final String LIVE = """
            WITH d AS (
                SELECT channel, amount_fen, status, created_at, paid_at FROM withdrawal WHERE created_at >= $2
            )
            SELECT (SELECT count(*) FROM d WHERE created_at >= $1) AS minute_count,
                   (SELECT coalesce(sum(amount_fen), 0)::bigint FROM d WHERE created_at >= $1) AS minute_amount,
                   (SELECT count(*) FROM withdrawal WHERE paid_at >= $1 AND status IN (%1$s)
                                                      AND created_at >= $2 - interval '1 day') AS minute_paid,
                   (SELECT count(*) FROM d) AS today_count,
                   (SELECT coalesce(sum(amount_fen), 0)::bigint FROM d) AS today_amount,
                   (SELECT coalesce(sum(amount_fen), 0)::bigint FROM d WHERE status IN (%1$s)) AS today_paid,
                   (SELECT count(*) FROM d WHERE channel IN ('APP', 'MINI_PROGRAM', 'PARTNER')) AS today_online,
                   (SELECT count(*) FROM d WHERE channel = 'COUNTER') AS today_counter,
                   (SELECT count(*) FROM withdrawal WHERE status IN (%2$s)) AS waiting,
                   coalesce((SELECT paused FROM ops_switch WHERE name = 'ADMISSIONS'), FALSE) AS admissions_paused,
                   coalesce((SELECT paused FROM ops_switch WHERE name = 'PAYOUTS'), FALSE) AS payouts_paused,
                   now() AS at
            """.formatted(WithdrawalStatus.sqlList(EnumSet.of(WithdrawalStatus.PAID, WithdrawalStatus.RETURNED)),
            WithdrawalStatus.sqlList(WithdrawalStatus.OPEN));

    /**
     * The last minutes, one row each (gaps as zeros), in one statement: $1 the first minute, $2 the current one, $3
     * today. Admissions through the BRIN index on created_at; payouts of the window among withdrawals created up
     * to a day before it (as the live figures count them).
     */
    private static final String MINUTES = """
            WITH m AS (
                SELECT generate_series($1::timestamptz, $2::timestamptz, interval '1 minute') AS minute
            ), a AS (
                SELECT date_trunc('minute', created_at) AS minute, count(*) AS n, sum(amount_fen)::bigint AS amount
                FROM withdrawal WHERE created_at >= $1 GROUP BY 1
            ), p AS (
                SELECT date_trunc('minute', paid_at) AS minute, count(*) AS n, sum(amount_fen)::bigint AS fen,
                       percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE NOT settled_internally) AS p50,
                       percentile_disc(0.95) WITHIN GROUP (ORDER BY ms) FILTER (WHERE NOT settled_internally) AS p95,
                       percentile_disc(0.99) WITHIN GROUP (ORDER BY ms) FILTER (WHERE NOT settled_internally) AS p99
                FROM (SELECT paid_at, amount_fen, settled_internally,
                             (extract(epoch FROM paid_at - created_at) * 1000)::bigint AS ms
                      FROM withdrawal WHERE paid_at >= $1 AND status IN (%s)
                                        AND created_at >= $1 - interval '1 day') x
                GROUP BY 1
            )
            SELECT m.minute, coalesce(a.n, 0) AS n, coalesce(a.amount, 0) AS amount, coalesce(p.n, 0) AS paid_n,
                   coalesce(p.fen, 0) AS paid_fen, p.p50, p.p95, p.p99,
                   (SELECT budget_fen FROM payout_budget_day WHERE budget_day = $3) AS budget_fen,
                   (SELECT coalesce(sum(reserved_fen), 0)::bigint FROM payout_budget_shard WHERE budget_day = $3)
                       AS budget_used,
                   now() AS at
            FROM m LEFT JOIN a USING (minute) LEFT JOIN p USING (minute)
            ORDER BY m.minute
            """.formatted(WithdrawalStatus.sqlList(EnumSet.of(WithdrawalStatus.PAID, WithdrawalStatus.RETURNED)));

    /** Adds counts; a flush never waits on another's row for long: one row per (day, code), few per flush. */
    private static final String ADD_REFUSALS = """
            INSERT INTO refusal_count AS r (day, code, count)
            SELECT * FROM unnest($1::date[], $2::text[], $3::bigint[])
            ON CONFLICT (day, code) DO UPDATE SET count = r.count + EXCLUDED.count
            """;

    private final Pool db;

    public StatsRepository(Pool db) {
        this.db = db;
    }

    Uni<RowSet<Row>> day(OffsetDateTime from, OffsetDateTime to, LocalDate day) {
        return db.preparedQuery(DAY).execute(Tuple.of(from, to, day));
    }

    Uni<Row> live(OffsetDateTime minute, OffsetDateTime dayStart) {
        return db.preparedQuery(LIVE).execute(Tuple.of(minute, dayStart)).map(rows -> rows.iterator().next());
    }

    Uni<RowSet<Row>> minutes(OffsetDateTime first, OffsetDateTime current, LocalDate today) {
        return db.preparedQuery(MINUTES).execute(Tuple.of(first, current, today));
    }

    Uni<Void> addRefusals(LocalDate[] days, String[] codes, Long[] counts) {
        return db.preparedQuery(ADD_REFUSALS).execute(Tuple.of(days, codes, counts)).replaceWithVoid();
    }
}
