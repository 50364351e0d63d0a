package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.idempotency.Idempotency;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The admission's single PostgreSQL statement (CTEs, one round trip): consumes the face verification, raises
 * {@code held} only where {@code balance − held} covers the amount, inserts the ACCEPTED withdrawal, its outbox row
 * and the idempotency record — and in postgres mode reserves the day's budget on one row. A LOAN_REPAYMENT raises
 * the loan's pending repayments within its outstanding principal, a PURCHASE the home's used amount within its cap
 * (these caps are atomic here, whatever Redis admitted). When a guard finds
 * nothing to update, {@code hpf_admission_refused(reason)} raises and the whole statement rolls back; the reason
 * becomes the API's error code.
 */
@ApplicationScoped
public class AdmissionWriter {

    static final String OPERATION = "POST /v1/withdrawals";

    private static final String FACE_AND_ACCOUNT = """
            WITH face AS (
                UPDATE face_verification SET status = 'CONSUMED', consumed_by = $17, consumed_at = now()
                WHERE id = $7 AND member_id = $2 AND purpose = 'WITHDRAWAL' AND status = 'PASSED' AND usable_until > now()
                RETURNING id
            ), acc AS (
                UPDATE account a SET held_fen = a.held_fen + $4, version = a.version + 1, updated_at = now()
                FROM member m
                WHERE a.member_id = $2 AND m.id = a.member_id AND a.status = ANY($15)
                  AND CASE WHEN $16 THEN a.balance_fen - a.held_fen = $4 ELSE a.balance_fen - a.held_fen >= $4 END
                  AND EXISTS (SELECT 1 FROM face)
                RETURNING %s
            ), loan_pending AS (
                -- A repayment in flight is pending on the loan until paid or failed: all of them together stay
                -- within the outstanding principal, and prepayment and auto-transfer wait for them.
                UPDATE loan l SET pending_repayment_fen = l.pending_repayment_fen + $4, version = l.version + 1,
                                  updated_at = now()
                FROM acc
                WHERE $3 = 'LOAN_REPAYMENT' AND l.id = $6 AND l.member_id = $2 AND l.status = 'ACTIVE'
                  AND l.outstanding_principal_fen - l.pending_repayment_fen >= $4
                RETURNING l.id
            ), home_cap AS (
                -- The home's withdrawals stay within its cap even when admitted concurrently: the row is the lock.
                INSERT INTO home_purchase_cap AS h (member_id, home_id, cap_fen, used_fen)
                SELECT $2, $14, $24::bigint, s.used_fen
                FROM acc, (SELECT $4 + coalesce(sum(amount_fen), 0)::bigint AS used_fen FROM withdrawal
                           WHERE member_id = $2 AND home_id = $14 AND status <> 'FAILED') s
                WHERE $3 = 'PURCHASE' AND s.used_fen <= $24::bigint
                ON CONFLICT (member_id, home_id) DO UPDATE
                    SET used_fen = h.used_fen + $4, cap_fen = EXCLUDED.cap_fen, updated_at = now()
                    WHERE h.used_fen + $4 <= EXCLUDED.cap_fen
                RETURNING h.member_id
            )""".formatted(AccountRepository.SNAPSHOT_COLUMNS);

    private static final String POSTGRES_BUDGET = """
            , budget AS (
                INSERT INTO payout_budget AS b (budget_day, reserved_fen) SELECT $9, $4 FROM acc WHERE $4 <= $25
                ON CONFLICT (budget_day) DO UPDATE SET reserved_fen = b.reserved_fen + EXCLUDED.reserved_fen
                WHERE b.reserved_fen + EXCLUDED.reserved_fen <= $25
                RETURNING budget_day
            )""";

    private static final String REST = """
            , w AS (
                INSERT INTO withdrawal (id, member_id, category, amount_fen, bank_card_id, loan_id, face_verification_id,
                                        status, period_key, budget_day, budget_shard, channel, actor, created_at,
                                        updated_at, home_id)
                SELECT $1, $2, $3, $4, $5, $6, $7, 'ACCEPTED', $8, $9, $10, $11, $12, $13, $13, $14 FROM %s
                RETURNING id
            ), o AS (
                INSERT INTO payout_outbox (withdrawal_id) SELECT id FROM w
            ), idem AS (
                %s
            )
            SELECT acc.*, CASE
                WHEN NOT EXISTS (SELECT 1 FROM face) THEN hpf_admission_refused(coalesce((
                    SELECT CASE WHEN f.status = 'CONSUMED' OR (f.status = 'PASSED' AND f.purpose = 'WITHDRAWAL'
                                                            AND f.usable_until > now())
                                THEN 'FACE_VERIFICATION_USED' ELSE 'FACE_VERIFICATION_REQUIRED' END
                    FROM face_verification f WHERE f.id = $7), 'FACE_VERIFICATION_REQUIRED'))
                WHEN NOT EXISTS (SELECT 1 FROM acc) THEN hpf_admission_refused(coalesce((
                    SELECT CASE WHEN a.status IN ('FROZEN', 'CLOSED') THEN 'ACCOUNT_NOT_ACTIVE'
                                WHEN a.status <> ALL($15) THEN 'NOT_ELIGIBLE'
                                WHEN $16 AND a.balance_fen - a.held_fen <> $4 THEN 'AMOUNT_MUST_EQUAL_AVAILABLE'
                                ELSE 'INSUFFICIENT_BALANCE' END
                    FROM account a WHERE a.member_id = $2), 'ACCOUNT_NOT_ACTIVE'))
                WHEN $3 = 'LOAN_REPAYMENT' AND NOT EXISTS (SELECT 1 FROM loan_pending)
                    THEN hpf_admission_refused('CATEGORY_CAP_EXCEEDED')
                WHEN $3 = 'PURCHASE' AND NOT EXISTS (SELECT 1 FROM home_cap)
                    THEN hpf_admission_refused('CATEGORY_CAP_EXCEEDED')
                WHEN NOT EXISTS (SELECT 1 FROM w) THEN hpf_admission_refused('DAILY_BUDGET_EXHAUSTED')
            END AS refused
            FROM (SELECT 1) one LEFT JOIN acc ON TRUE
            """;

    private static final String IDEMPOTENCY = Idempotency.INSERT.formatted("$2", "$18", "$19", "$20", "$21", "$22", "$23");

    static final String REDIS_MODE_SQL = FACE_AND_ACCOUNT + REST.formatted("acc", IDEMPOTENCY);
    static final String POSTGRES_MODE_SQL = FACE_AND_ACCOUNT + POSTGRES_BUDGET + REST.formatted("acc, budget", IDEMPOTENCY);

    private final Pool db;
    private final AdmissionConfig config;
    private final Clock clock;

    public AdmissionWriter(Pool db, AdmissionConfig config, Clock clock) {
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    /** Writes the admission; answers the account snapshot including the new hold. */
    Uni<AccountSnapshot> write(AdmissionPlan p, int budgetShard, String responseBody) {
        boolean postgresBudget = config.mode() == AdmissionMode.POSTGRES;
        Object[] params = {
                p.withdrawalId(), p.memberId(), p.category().code(), p.amountFen(), p.bankCardId(), p.loanId(),
                p.faceVerificationId(), p.periodKey(), p.budgetDay(), budgetShard, p.caller().channel().name(),
                p.caller().actor(), p.createdAt().atOffset(ZoneOffset.UTC), p.cap().homeId(),
                p.category().allowedStatuses().stream().map(Enum::name).toArray(String[]::new),
                p.category().wholeBalance(), "withdrawal:" + p.withdrawalId(),
                OPERATION, p.idempotencyKey(), p.requestHash(), 201, responseBody, p.withdrawalId().toString(),
                p.cap().homeCapFen(), config.dailyBudgetFen()};
        List<Object> used = Arrays.asList(postgresBudget ? params : Arrays.copyOf(params, 24));
        return db.preparedQuery(postgresBudget ? POSTGRES_MODE_SQL : REDIS_MODE_SQL)
                .execute(Tuple.from(used))
                .map(rows -> AccountRepository.snapshot(rows.iterator().next()))
                .onFailure(PgException.class).transform(this::refusal);
    }

    private Throwable refusal(Throwable e) {
        PgException pg = (PgException) e;
        if ("HPF01".equals(pg.getSqlState())) {
            return Refusals.byCode(pg.getErrorMessage(), clock);
        }
        if ("23505".equals(pg.getSqlState()) && pg.getConstraint() != null) {
            return switch (pg.getConstraint()) {
                case "withdrawal_once_per_period" -> ApiException.unprocessable("CATEGORY_CAP_EXCEEDED",
                        "Only one withdrawal of this category is possible in this period.", "category");
                case "face_verification_consumed_by_key" ->
                        Refusals.byCode("FACE_VERIFICATION_USED", clock);
                default -> e;
            };
        }
        return e;
    }
}
