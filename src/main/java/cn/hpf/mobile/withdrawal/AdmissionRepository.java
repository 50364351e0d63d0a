package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.db.BatchedStatement;
import cn.hpf.mobile.common.db.Batcher;
import cn.hpf.mobile.common.db.BoundedWrites;
import cn.hpf.mobile.common.db.NamedSql;
import cn.hpf.mobile.common.idempotency.IdempotencyRepository;
import cn.hpf.mobile.partner.notify.ChannelEventSql;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Admission's SQL: the context read, the purchase cap's inputs, and the single statement that writes an admission.
 */
@ApplicationScoped
public class AdmissionRepository {

    static final String OPERATION = "POST /v1/withdrawals";

    private static final NamedSql CONTEXT = NamedSql.of("""
            SELECT m.birth_date,
                   (SELECT c.member_id FROM bank_card c WHERE c.id = #{card}) AS card_owner,
                   f.member_id AS face_owner, f.purpose AS face_purpose, f.status AS face_status,
                   coalesce(f.usable_until > now(), FALSE) AS face_usable,
                   loans.active, loans.overdue, loans.outstanding,
                   lp.id AS loan_id, lp.member_id AS loan_owner, lp.status AS loan_status,
                   lp.outstanding_principal_fen AS loan_outstanding,
                   -- Kept by the admission and payout statements: the repayments in flight for this loan.
                   coalesce(lp.pending_repayment_fen, 0) AS loan_pending,
                   x.last_month AS accrual_last_month,
                   %s
            FROM account a
            JOIN member m ON m.id = a.member_id
            LEFT JOIN face_verification f ON f.id = #{face}
            LEFT JOIN withdrawal_accrual x ON x.member_id = a.member_id AND x.category = #{category}
            -- One pass over the member's active loans.
            CROSS JOIN LATERAL (
                SELECT count(*) AS active, count(*) FILTER (WHERE l.overdue_periods > 0) AS overdue,
                       coalesce(sum(l.outstanding_principal_fen), 0) AS outstanding
                FROM loan l WHERE l.member_id = #{member} AND l.status = 'ACTIVE') loans
            LEFT JOIN LATERAL (
                SELECT l.* FROM loan l
                WHERE #{paysToLoan} AND ((#{loan}::bigint IS NOT NULL AND l.id = #{loan}::bigint)
                       OR (#{loan}::bigint IS NULL AND l.member_id = #{member} AND l.status = 'ACTIVE'))
                ORDER BY l.id LIMIT 1) lp ON TRUE
            WHERE a.member_id = #{member}
            """.formatted(AccountRepository.SNAPSHOT_COLUMNS));

    /** What the member has withdrawn for one home (counting withdrawals) and borrowed since its contract. */
    private static final String HOME_USE = """
            SELECT (SELECT coalesce(sum(amount_fen), 0) FROM withdrawal
                     WHERE member_id = $1 AND home_id = $2 AND status IN (%s)) AS withdrawn,
                   (SELECT coalesce(sum(principal_fen), 0) FROM loan
                     WHERE member_id = $1 AND start_date >= $3) AS borrowed
            """.formatted(WithdrawalStatus.sqlList(WithdrawalStatus.COUNTING));

    /**
     * The admission, in one statement: consumes the face verification, raises {@code held} only where
     * {@code balance − held} covers the amount (equals it for whole-balance categories; a closing category only
     * where nothing else is held), raises the day's budget shard only within its share, inserts the ACCEPTED
     * withdrawal, its outbox row and the idempotency record. A LOAN_REPAYMENT raises the loan's pending repayments
     * within its outstanding principal, a PURCHASE the home's used amount within its cap, a monthly-cap category
     * (RENT) consumes the months accrued since its last withdrawal. Each guard holds the row it guards, so
     * concurrent admissions cannot both pass it, whatever Redis admitted. When a guard finds nothing to update the
     * final CASE raises the refusal and the whole statement rolls back. It refuses to start after its deadline
     * ({@link BoundedWrites}). The audit row is appended with the withdrawal, so a refusal leaves none.
     */
    public static final BatchedStatement WRITE_BATCH = BatchedStatement.of("hpf_admission_batch", """
            WITH gate AS (
                SELECT %s AS open
            ), face AS (
                UPDATE face_verification SET status = 'CONSUMED', consumed_by = #{consumedBy}, consumed_at = now()
                WHERE id = #{face} AND member_id = #{member} AND purpose = 'WITHDRAWAL' AND status = 'PASSED'
                  AND usable_until > now() AND (SELECT open FROM gate)
                RETURNING id
            ), acc AS (
                UPDATE account a SET held_fen = a.held_fen + #{amount}, version = a.version + 1, updated_at = now()
                FROM member m
                WHERE a.member_id = #{member} AND m.id = a.member_id AND %s
                  AND EXISTS (SELECT 1 FROM face)
                RETURNING %s
            ), loan_pending AS (
                -- A repayment in flight is pending on the loan until paid or failed: all of them together stay
                -- within the outstanding principal, and prepayment and auto-transfer wait for them.
                UPDATE loan l SET pending_repayment_fen = l.pending_repayment_fen + #{amount}, version = l.version + 1,
                                  updated_at = now()
                FROM acc
                WHERE #{category} = 'LOAN_REPAYMENT' AND l.id = #{loan} AND l.member_id = #{member}
                  AND l.status = 'ACTIVE' AND l.outstanding_principal_fen - l.pending_repayment_fen >= #{amount}
                RETURNING l.id
            ), home_cap AS (
                -- The home's withdrawals stay within its cap even when admitted concurrently: the row is the lock.
                INSERT INTO home_purchase_cap AS h (member_id, home_id, cap_fen, used_fen)
                SELECT #{member}, #{homeId}, #{homeCap}::bigint, s.used_fen
                FROM acc, (SELECT #{amount} + coalesce(sum(amount_fen), 0)::bigint AS used_fen FROM withdrawal
                           WHERE member_id = #{member} AND home_id = #{homeId} AND status IN (%s)) s
                WHERE #{category} = 'PURCHASE' AND s.used_fen <= #{homeCap}::bigint
                ON CONFLICT (member_id, home_id) DO UPDATE
                    SET used_fen = h.used_fen + #{amount}, cap_fen = EXCLUDED.cap_fen, updated_at = now()
                    WHERE h.used_fen + #{amount} <= EXCLUDED.cap_fen
                RETURNING h.member_id
            ), accrual AS (
                -- A month's cap for each month since the last withdrawal of the category (or since the account's
                -- status date), at most cap_accrual_months, once a month: consumed under the row's lock. A member's
                -- first one is checked here; once the row exists, the check under its lock decides.
                INSERT INTO withdrawal_accrual AS x (member_id, category, last_month)
                SELECT #{member}, #{category}, #{accrualMonth}::date FROM acc
                WHERE #{monthlyCap}::bigint IS NOT NULL
                  AND (EXISTS (SELECT 1 FROM withdrawal_accrual y WHERE y.member_id = #{member}
                                                                     AND y.category = #{category})
                       OR #{amount} <= #{monthlyCap}::bigint * least(#{accrualMonths}::int,
                            greatest(1, hpf_months_between(#{statusMonth}::date, #{accrualMonth}::date))))
                ON CONFLICT (member_id, category) DO UPDATE SET last_month = EXCLUDED.last_month
                    WHERE (x.last_month IS NULL OR x.last_month < EXCLUDED.last_month)
                      AND #{amount} <= #{monthlyCap}::bigint * least(#{accrualMonths}::int, greatest(1,
                            hpf_months_between(coalesce(x.last_month, #{statusMonth}::date), EXCLUDED.last_month)))
                RETURNING x.member_id
            ), budget AS (
                -- The day's payout budget, on the shard Redis reserved on: its PostgreSQL backstop. The shard's share
                -- comes from the day's fixed terms, never from this replica's configuration.
                INSERT INTO payout_budget_shard AS b (budget_day, shard, reserved_fen, limit_fen)
                SELECT t.budget_day, #{shard}::int, #{amount}, hpf_shard_limit(t.budget_fen, t.shards, #{shard}::int)
                FROM acc, payout_budget_day t
                WHERE t.budget_day = #{budgetDay}::date AND #{shard}::int < t.shards
                  AND #{amount} <= hpf_shard_limit(t.budget_fen, t.shards, #{shard}::int)
                ON CONFLICT (budget_day, shard) DO UPDATE
                    SET reserved_fen = b.reserved_fen + EXCLUDED.reserved_fen, limit_fen = EXCLUDED.limit_fen
                    WHERE b.reserved_fen + EXCLUDED.reserved_fen <= EXCLUDED.limit_fen
                RETURNING b.shard
            ), w AS (
                INSERT INTO withdrawal (id, member_id, category, amount_fen, bank_card_id, loan_id, face_verification_id,
                                        status, period_key, budget_day, budget_shard, channel, actor, created_at,
                                        updated_at, home_id, app_id, out_biz_no)
                SELECT #{id}, #{member}, #{category}, #{amount}, #{card}, #{loan}, #{face}, %s, #{periodKey},
                       #{budgetDay}::date, #{shard}::int, #{channel}, #{actor}, #{createdAt}, #{createdAt}, #{homeId},
                       #{appId}, #{outBizNo}
                FROM acc, budget
                RETURNING *
            )%s, o AS (
                INSERT INTO payout_outbox (withdrawal_id) SELECT id FROM w
            ), idem AS (
                %s
            )
            SELECT acc.*, CASE
                WHEN NOT (SELECT open FROM gate) THEN %s
                WHEN NOT EXISTS (SELECT 1 FROM face) THEN coalesce((
                    SELECT CASE WHEN f.status = 'CONSUMED' OR (f.status = 'PASSED' AND f.purpose = 'WITHDRAWAL'
                                                            AND f.usable_until > now())
                                THEN %s ELSE %s END
                    FROM face_verification f WHERE f.id = #{face}), %s)
                WHEN NOT EXISTS (SELECT 1 FROM acc) THEN %s
                WHEN #{category} = 'LOAN_REPAYMENT' AND NOT EXISTS (SELECT 1 FROM loan_pending) THEN %s
                WHEN #{category} = 'PURCHASE' AND NOT EXISTS (SELECT 1 FROM home_cap) THEN %s
                WHEN #{monthlyCap}::bigint IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accrual) THEN %s
                WHEN NOT EXISTS (SELECT 1 FROM w) THEN %s
            END AS refused
            FROM (SELECT 1) one LEFT JOIN acc ON TRUE
            """.formatted(BoundedWrites.START_GUARD, HoldGuard.ACCOUNT_ALLOWS, AccountRepository.SNAPSHOT_COLUMNS,
            WithdrawalStatus.sqlList(WithdrawalStatus.COUNTING), WithdrawalStatus.ACCEPTED.sql(),
            ChannelEventSql.withdrawals("events", "w") + AuditRepository.append("WITHDRAWAL_ADMITTED").from("w")
                    .by("w.actor", "w.channel", "w.app_id", "#{client}").member("w.member_id")
                    .face("w.face_verification_id").amount("w.amount_fen").target("w.id").result("w.status").cte(),
            IdempotencyRepository.insertFrom("w", "#{member}", "'" + OPERATION + "'", "#{idemKey}", "#{requestHash}",
                    "201", "#{body}", "#{id}::text"),
            Refusal.ADMISSION_UNAVAILABLE.raise(),
            Refusal.FACE_VERIFICATION_USED.raise(), Refusal.FACE_VERIFICATION_REQUIRED.raise(),
            Refusal.FACE_VERIFICATION_REQUIRED.raise(), HoldGuard.REFUSAL,
            Refusal.CATEGORY_CAP_EXCEEDED.raise(), Refusal.CATEGORY_CAP_EXCEEDED.raise(),
            Refusal.CATEGORY_CAP_EXCEEDED.raise(), Refusal.DAILY_BUDGET_EXHAUSTED.raise()));
    private static final NamedSql WRITE = WRITE_BATCH.item();

    /**
     * The account now, and which of the given holds PostgreSQL has decided: one snapshot for both. A hold is a
     * withdrawal's or a transfer-out's (the one Redis hold path), each known by its row's id.
     */
    private static final String MEMBER_NOW = """
            SELECT %s, ARRAY(SELECT w.id FROM withdrawal w WHERE w.id = ANY ($2) AND w.member_id = $1
                             UNION ALL
                             SELECT t.id FROM transfer_out t WHERE t.id = ANY ($2) AND t.member_id = $1) AS committed
            FROM account a JOIN member m ON m.id = a.member_id WHERE a.member_id = $1
            """.formatted(AccountRepository.SNAPSHOT_COLUMNS);

    private final Pool db;
    private final BoundedWrites writes;
    private final AdmissionConfig config;
    private final Clock clock;
    private final Batcher<NamedSql.Binding, AccountSnapshot> batches;

    public AdmissionRepository(Pool db, BoundedWrites writes, AdmissionConfig config, Clock clock,
                               MeterRegistry metrics) {
        this.db = db;
        this.writes = writes;
        this.config = config;
        this.clock = clock;
        DistributionSummary sizes = DistributionSummary.builder("hpf.admission.batch.items")
                .description("Admissions written by one PostgreSQL statement and commit").register(metrics);
        this.batches = new Batcher<>("admission", Math.min(config.batch().maxItems(), BatchedStatement.MAX_ITEMS),
                config.batch().maxInFlight(), this::writeBatch, sizes::record);
    }

    /** Admissions waiting for their batch's answer (tests). */
    int writesPending() {
        return batches.pending();
    }

    Uni<AdmissionContext> context(long memberId, Long bankCardId, UUID faceId, Long loanId, Category category) {
        return db.preparedQuery(CONTEXT.sql())
                .execute(CONTEXT.bind().set("member", memberId).set("card", bankCardId).set("face", faceId)
                        .set("loan", loanId).set("category", category.code()).set("paysToLoan", category.paysToLoan())
                        .tuple())
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw cn.hpf.mobile.common.ApiException.notFound("ACCOUNT_NOT_FOUND", "No HPF account.");
                    }
                    return context(it.next());
                });
    }

    private static AdmissionContext context(Row r) {
        LocalDate accrual = r.getLocalDate("accrual_last_month");
        return new AdmissionContext(r.getString("id_number"), r.getLocalDate("birth_date"), r.getLong("card_owner"),
                r.getLong("face_owner"), r.getString("face_purpose"), r.getString("face_status"),
                r.getBoolean("face_usable"), r.getLong("active"), r.getLong("overdue"), r.getLong("outstanding"),
                r.getLong("loan_id"), r.getLong("loan_owner"), r.getString("loan_status"),
                r.getLong("loan_outstanding") == null ? 0 : r.getLong("loan_outstanding"), r.getLong("loan_pending"),
                accrual == null ? null : YearMonth.from(accrual), AccountRepository.snapshot(r));
    }

    /** What the member has withdrawn for this home and borrowed since its contract was signed. */
    Uni<long[]> homeUse(long memberId, String homeId, LocalDate signedOn) {
        return db.preparedQuery(HOME_USE).execute(Tuple.of(memberId, homeId, signedOn)).map(rows -> {
            Row r = rows.iterator().next();
            return new long[]{r.getLong("withdrawn"), r.getLong("borrowed")};
        });
    }

    /** The account as PostgreSQL has it and which of these withdrawals it has committed; null without an account. */
    Uni<MemberNow> memberNow(long memberId, List<UUID> withdrawalIds) {
        return db.preparedQuery(MEMBER_NOW).execute(Tuple.of(memberId, withdrawalIds.toArray(UUID[]::new)))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row r = it.next();
                    return new MemberNow(AccountRepository.snapshot(r), Set.of(r.getArrayOfUUIDs("committed")));
                });
    }

    record MemberNow(AccountSnapshot account, Set<UUID> committed) {
    }

    /**
     * Writes the admission on the budget shard Redis reserved, in the next batch; answers the account including the
     * new hold. Its refusal, if any, is its own: the other admissions of the batch commit without it.
     */
    Uni<AccountSnapshot> write(AdmissionPlan p, int shard, String responseBody) {
        Category c = p.category();
        YearMonth month = YearMonth.from(p.budgetDay());
        NamedSql.Binding b = WRITE.bind()
                .set("id", p.withdrawalId()).set("member", p.memberId()).set("category", c.code())
                .set("amount", p.amountFen()).set("card", p.bankCardId()).set("loan", p.loanId())
                .set("face", p.faceVerificationId()).set("consumedBy", "withdrawal:" + p.withdrawalId())
                .set("periodKey", p.periodKey()).set("budgetDay", p.budgetDay()).set("shard", shard)
                .set("channel", p.caller().channel().name())
                .set("actor", p.caller().actor()).set("createdAt", p.createdAt().atOffset(ZoneOffset.UTC))
                .set("homeId", p.cap().homeId()).set("homeCap", p.cap().homeCapFen())
                .set("allowedStatuses", c.allowedStatuses().stream().map(Enum::name).toArray(String[]::new))
                .set("wholeBalance", c.wholeBalance()).set("closesAccount", c.closesAccount())
                .set("monthlyCap", c.monthlyCapFen()).set("accrualMonths", c.capAccrualMonths())
                .set("accrualMonth", month.atDay(1)).set("statusMonth", YearMonth.from(p.account().statusSince()).atDay(1))
                .set("idemKey", p.idempotencyKey()).set("requestHash", p.requestHash()).set("body", responseBody)
                .set("appId", p.caller().appId()).set("outBizNo", p.outBizNo())
                .set("client", p.caller().clientAddress());
        return batches.submit(b);
    }

    /**
     * One batch in one statement. Items are sent in the order of their budget shard, then member: the shard rows
     * are the rows batches share, and taking them in one order keeps two batches from waiting on each other.
     */
    private Uni<Void> writeBatch(List<Batcher.Pending<NamedSql.Binding, AccountSnapshot>> calls) {
        List<Batcher.Pending<NamedSql.Binding, AccountSnapshot>> ordered = new ArrayList<>(calls);
        ordered.sort(Comparator.comparingInt((Batcher.Pending<NamedSql.Binding, AccountSnapshot> c) ->
                (Integer) c.item().get("shard")).thenComparingLong(c -> (Long) c.item().get("member")));
        Instant deadline = ordered.stream().map(Batcher.Pending::since).min(Comparator.naturalOrder()).orElseThrow()
                .plus(config.writeTimeout());
        NamedSql.Binding call = WRITE_BATCH.call().bind().set("items", WRITE_BATCH.itemsOf(ordered));
        return writes.executeBy(db, WRITE_BATCH.call(), call, deadline, Refusal.ADMISSION_UNAVAILABLE,
                        "Your withdrawal could not be confirmed yet; retry with the same Idempotency-Key shortly.")
                .invoke(rows -> BatchedStatement.answer(rows, ordered, AccountRepository::snapshot, this::refusal))
                .replaceWithVoid();
    }

    private Throwable refusal(PgException e) {
        if (BoundedWrites.rolledBackForNow(e)) {
            return Refusal.ADMISSION_UNAVAILABLE.error(clock);
        }
        Refusal refusal = Refusal.raisedBy(e);
        if (refusal != null) {
            return new Refused(refusal, refusal.error(clock));
        }
        if ("23505".equals(e.getSqlState()) && e.getConstraint() != null) {
            return switch (e.getConstraint()) {
                case "withdrawal_once_per_period" -> new Refused(Refusal.CATEGORY_CAP_EXCEEDED,
                        Refusal.CATEGORY_CAP_EXCEEDED.error(clock,
                                "Only one withdrawal of this category is possible in this period."));
                case "face_verification_consumed_by_key" -> new Refused(Refusal.FACE_VERIFICATION_USED,
                        Refusal.FACE_VERIFICATION_USED.error(clock));
                case "withdrawal_out_biz_no" -> new Refused(Refusal.IDEMPOTENCY_KEY_REUSED,
                        new cn.hpf.mobile.common.ApiException(422, Refusal.IDEMPOTENCY_KEY_REUSED.name(),
                                "This app already used this outBizNo for another request.", "outBizNo", null));
                default -> e;
            };
        }
        return e;
    }

    /** PostgreSQL refused the admission (the statement rolled back): the refusal and the member's answer. */
    static final class Refused extends RuntimeException {
        final Refusal refusal;
        final cn.hpf.mobile.common.ApiException answer;

        Refused(Refusal refusal, cn.hpf.mobile.common.ApiException answer) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
            this.answer = answer;
        }
    }
}
