package cn.hpf.mobile.loan;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.audit.AuditRepository;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.db.BoundedWrites;
import cn.hpf.mobile.common.db.NamedSql;
import cn.hpf.mobile.common.idempotency.IdempotencyRepository;
import cn.hpf.mobile.partner.notify.ChannelEventSql;
import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * 提前还款's SQL: the context read and the one statement that consumes the face verification, uses the quote,
 * re-plans (or closes) the loan, moves the money and stores the idempotency record — all or nothing.
 */
@ApplicationScoped
public class PrepaymentRepository {

    static final String OPERATION = "prepayment";
    /** The statement's client-side wait; its outcome is decided by this plus hpf.db.statement-timeout. */
    private static final Duration CLIENT_WAIT = Duration.ofSeconds(6);

    private static final String CONSUME_AND_REPLAN = """
            WITH gate AS (
                SELECT %s AS open
            ), fv AS (
                UPDATE face_verification SET status = 'CONSUMED', consumed_by = #{reference}, consumed_at = now()
                WHERE id = #{face} AND member_id = #{member} AND purpose = 'PREPAYMENT' AND status = 'PASSED'
                  AND usable_until > now() AND (SELECT open FROM gate)
                RETURNING id
            ), q AS (
                UPDATE prepayment_quote pq SET used_by = #{reference}, used_at = now()
                FROM fv
                WHERE pq.id = #{quote} AND pq.member_id = #{member} AND pq.loan_id = #{loan} AND pq.used_by IS NULL
                  AND pq.valid_until > now()
                RETURNING pq.*
            ), holder AS (
                -- The member's account before the loan, the order admission takes them in: a prepayment and a
                -- loan repayment of the same member wait for each other instead of deadlocking.
                SELECT a.member_id FROM account a WHERE a.member_id = #{member} AND EXISTS (SELECT 1 FROM q) FOR UPDATE
            ), l AS (
                UPDATE loan SET outstanding_principal_fen = q.new_outstanding_fen,
                       plan_principal_fen = coalesce(q.new_plan_principal_fen, loan.plan_principal_fen),
                       plan_term_months = coalesce(q.new_plan_term_months, loan.plan_term_months),
                       plan_base_period = coalesce(q.new_plan_base_period, loan.plan_base_period),
                       status = CASE WHEN q.full_repayment THEN 'CLOSED' ELSE loan.status END,
                       closed_at = CASE WHEN q.full_repayment THEN now() END,
                       auto_transfer = loan.auto_transfer AND NOT q.full_repayment,
                       version = loan.version + 1, updated_at = now()
                FROM q, holder
                WHERE loan.id = q.loan_id AND loan.member_id = #{member} AND loan.version = q.loan_version
                  AND loan.status = 'ACTIVE' AND loan.overdue_periods = 0 AND loan.pending_repayment_fen = 0
                RETURNING loan.id
            )""".formatted(BoundedWrites.START_GUARD);

    /**
     * The centre is the lender: money from the HPF balance goes straight to the loan, an internal transfer, so
     * there is no bank payout, no outbox row and no daily payout budget — the withdrawal row is PAID at once.
     * Its id is the prepayment's and, like every withdrawal, it is the ledger entry's reference (reconciliation
     * matches WITHDRAWAL entries to withdrawal rows by it).
     */
    private static final String DEBIT_HPF_BALANCE = """
            , acc AS (
                UPDATE account a SET balance_fen = a.balance_fen - q.amount_fen, version = a.version + 1,
                       updated_at = now()
                FROM l, q
                WHERE a.member_id = #{member} AND a.status IN ('NORMAL', 'SEALED')
                  AND a.balance_fen - a.held_fen >= q.amount_fen
                RETURNING a.*
            ), entry AS (
                INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, description, reference,
                                          channel, actor, app_id)
                SELECT acc.member_id, 'WITHDRAWAL', -q.amount_fen, acc.balance_fen,
                       '提前还款 Loan prepayment ' || l2.contract_no, #{id}::text, #{channel}, #{actor}, #{appId}
                FROM acc, q JOIN loan l2 ON l2.id = q.loan_id
                RETURNING id
            ), wd AS (
                INSERT INTO withdrawal (id, member_id, category, amount_fen, loan_id, face_verification_id, status,
                                        budget_day, channel, actor, created_at, updated_at, paid_at,
                                        settled_internally, app_id)
                SELECT #{id}, #{member}, 'LOAN_REPAYMENT', q.amount_fen, q.loan_id, #{face}, %s, #{today}::date,
                       #{channel}, #{actor}, now(), now(), now(), TRUE, #{appId}
                FROM entry, q
                RETURNING id
            ), paid AS (SELECT id FROM wd)""".formatted(WithdrawalStatus.PAID.sql());

    /** The member's own card pays the lending bank (sandbox: recorded as paid); the HPF ledger does not move. */
    private static final String PAID_BY_CARD = """
            , paid AS (SELECT id FROM l WHERE #{today}::date IS NOT NULL)""";

    private static final String RECORD = """
            , pp AS (
                INSERT INTO prepayment (id, loan_id, member_id, quote_id, amount_fen, full_repayment, mode, source,
                                        bank_card_id, face_verification_id, status, channel, actor, created_at, app_id,
                                        out_biz_no)
                SELECT #{id}, q.loan_id, #{member}, q.id, q.amount_fen, q.full_repayment, q.mode, #{source},
                       #{card}, #{face}, 'PAID', #{channel}, #{actor}, #{createdAt}, #{appId}, #{outBizNo}
                FROM paid, q
                RETURNING *
            )%s, idem AS (
                %s
                RETURNING resource_id
            )
            """.formatted(ChannelEventSql.prepayments("events", "pp") + AuditRepository.append("PREPAYMENT_PAID")
                    .from("pp").by("pp.actor", "pp.channel", "pp.app_id", "#{client}").member("pp.member_id")
                    .face("pp.face_verification_id").amount("pp.amount_fen").target("pp.id")
                    .result("pp.status || ' ' || pp.source").cte(),
            IdempotencyRepository.insertFrom("pp", "#{member}", "'" + OPERATION + "'", "#{idemKey}",
            "#{requestHash}", "201", "#{body}", "#{id}::text"));

    /**
     * Any condition that failed above leaves pp empty: the statement rolls back. A closed gate (it arrived after
     * its deadline) says so; anything else is a race the service explains from a fresh read.
     */
    private static final String OUTCOME = """
            CASE WHEN NOT (SELECT open FROM gate) THEN %s
                 WHEN NOT EXISTS (SELECT 1 FROM idem) THEN %s END AS refused
            """.formatted(Refusal.PREPAYMENT_UNAVAILABLE.raise(), Refusal.PREPAYMENT_CONFLICT.raise());

    static final NamedSql FROM_HPF_BALANCE = NamedSql.of(CONSUME_AND_REPLAN + DEBIT_HPF_BALANCE + RECORD
            + "SELECT " + AccountRepository.SNAPSHOT_COLUMNS + ", " + OUTCOME
            + "FROM (SELECT 1) one LEFT JOIN (acc a JOIN member m ON m.id = a.member_id) ON TRUE");

    static final NamedSql BY_CARD = NamedSql.of(CONSUME_AND_REPLAN + PAID_BY_CARD + RECORD + "SELECT " + OUTCOME);

    private final Pool db;
    private final BoundedWrites writes;

    public PrepaymentRepository(Pool db, BoundedWrites writes) {
        this.db = db;
        this.writes = writes;
    }

    Uni<PrepaymentContext> context(long loanId, long memberId, UUID quoteId, UUID faceId, Long cardId) {
        return db.preparedQuery(PrepaymentContext.QUERY)
                .execute(Tuple.of(loanId, memberId, quoteId, faceId, cardId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw LoanErrors.notFound();
                    }
                    return PrepaymentContext.of(it.next());
                });
    }

    /** One prepayment to write; {@code outBizNo} for a partner's. */
    record Write(boolean fromHpfBalance, UUID id, Caller caller, long loanId, UUID quoteId, UUID faceId,
                 LocalDate today, String source, Long cardId, OffsetDateTime createdAt, String idemKey,
                 String requestHash, String body, String outBizNo) {
    }

    /** The prepayment, all or nothing; from the HPF balance the first row carries the account after it. */
    Uni<RowSet<Row>> write(Write w) {
        NamedSql sql = w.fromHpfBalance() ? FROM_HPF_BALANCE : BY_CARD;
        NamedSql.Binding b = sql.bind().set("id", w.id()).set("member", w.caller().memberId()).set("loan", w.loanId())
                .set("quote", w.quoteId()).set("face", w.faceId()).set("channel", w.caller().channel().name())
                .set("actor", w.caller().actor()).set("appId", w.caller().appId()).set("outBizNo", w.outBizNo())
                .set("reference", "prepayment:" + w.id()).set("today", w.today()).set("source", w.source())
                .set("card", w.cardId()).set("createdAt", w.createdAt()).set("idemKey", w.idemKey())
                .set("requestHash", w.requestHash()).set("body", w.body())
                .set("client", w.caller().clientAddress());
        return writes.execute(db, sql, b, CLIENT_WAIT, Refusal.PREPAYMENT_UNAVAILABLE,
                "Your prepayment could not be confirmed yet; retry with the same Idempotency-Key shortly.");
    }
}
