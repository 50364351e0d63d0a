package cn.hpf.mobile.loan;

import cn.hpf.mobile.account.AccountRepository;
import cn.hpf.mobile.account.AccountService;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.SandboxConfig;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.common.idempotency.Idempotency;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * 提前还款: accepts a quote, paid from the HPF balance or the member's bank card, in one SQL statement that
 * consumes the face verification, uses the quote, re-plans (or closes) the loan, moves the money and stores the
 * idempotency record — all or nothing.
 */
@ApplicationScoped
public class PrepaymentService {

    private final PrepaymentRepository prepayments;
    private final Idempotency idempotency;
    private final AccountService accounts;
    private final ObjectMapper json;
    private final Clock clock;
    private final SandboxConfig sandbox;

    private final FaultPoints faults;

    public PrepaymentService(PrepaymentRepository prepayments, Idempotency idempotency, AccountService accounts,
                             ObjectMapper json, Clock clock, SandboxConfig sandbox, FaultPoints faults) {
        this.prepayments = prepayments;
        this.faults = faults;
        this.idempotency = idempotency;
        this.accounts = accounts;
        this.json = json;
        this.clock = clock;
        this.sandbox = sandbox;
    }

    public Uni<Response> prepay(Caller caller, long loanId, String rawKey, PrepaymentRequest req) {
        return prepay(caller, loanId, Idempotency.requireKey(rawKey), req, null);
    }

    /** A partner's prepayment: {@code outBizNo} is its idempotency key, unique per app. */
    public Uni<Response> prepayFromPartner(Caller caller, long loanId, String outBizNo, PrepaymentRequest req) {
        return prepay(caller, loanId, cn.hpf.mobile.withdrawal.AdmissionService.partnerKey(outBizNo), req, outBizNo);
    }

    private Uni<Response> prepay(Caller caller, long loanId, String key, PrepaymentRequest req, String outBizNo) {
        validate(req);
        checkSourceAvailable(req.source(), sandbox.enabled());
        String hash = Idempotency.fingerprint(loanId, req.quoteId(), req.source(), req.faceVerificationId(),
                req.bankCardId());
        return idempotency.execute(caller.memberId(), PrepaymentRepository.OPERATION, key, hash,
                () -> context(caller, loanId, req).chain(ctx -> {
                    ctx.check(req);
                    return write(caller, ctx, req, key, hash, outBizNo);
                }));
    }

    static void validate(PrepaymentRequest req) {
        if (req == null || req.quoteId() == null) {
            throw ApiException.invalidField("quoteId", "quoteId is required.");
        }
        if (req.source() == null) {
            throw ApiException.invalidField("source", "source is required: HPF_BALANCE or BANK_CARD.");
        }
        if (req.faceVerificationId() == null) {
            throw ApiException.invalidField("faceVerificationId", "faceVerificationId is required.");
        }
        if (req.source() == PrepaymentSource.BANK_CARD && req.bankCardId() == null) {
            throw ApiException.invalidField("bankCardId", "bankCardId is required to pay by bank card.");
        }
        if (req.source() == PrepaymentSource.HPF_BALANCE && req.bankCardId() != null) {
            throw ApiException.invalidField("bankCardId", "bankCardId is only for source BANK_CARD.");
        }
    }

    /**
     * Paying by card needs a collection port (debit the member's card, confirmed by the bank) that does not exist
     * yet; without it the loan would be lowered with no money collected. Only the sandbox records card payments as
     * paid. TODO: plug in the collection port, then allow BANK_CARD everywhere.
     */
    static void checkSourceAvailable(PrepaymentSource source, boolean sandboxEnabled) {
        if (source == PrepaymentSource.BANK_CARD && !sandboxEnabled) {
            throw ApiException.unprocessable("SOURCE_NOT_AVAILABLE",
                    "Prepayment by bank card is not available yet; pay from the HPF balance.", "source");
        }
    }

    private Uni<PrepaymentContext> context(Caller caller, long loanId, PrepaymentRequest req) {
        return prepayments.context(loanId, caller.memberId(), req.quoteId(), req.faceVerificationId(), req.bankCardId());
    }

    private Uni<Response> write(Caller caller, PrepaymentContext ctx, PrepaymentRequest req, String key,
                                String hash, String outBizNo) {
        UUID id = UUID.randomUUID();
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS),
                ZoneOffset.UTC);
        Prepayment answer = new Prepayment(id, outBizNo, ctx.loan().id(), req.quoteId(), ctx.amountFen(), ctx.full(), ctx.mode(),
                req.source(), req.bankCardId(), "PAID", ctx.newOutstandingFen(), ctx.newMonthlyPaymentFen(),
                ctx.newRemainingMonths(), ctx.full() ? LoanStatus.CLOSED : LoanStatus.ACTIVE, createdAt);
        String body = toJson(answer);
        boolean hpf = req.source() == PrepaymentSource.HPF_BALANCE;
        return prepayments.write(new PrepaymentRepository.Write(hpf, id, caller, ctx.loan().id(), req.quoteId(),
                        req.faceVerificationId(), LocalDate.now(clock), req.source().name(), req.bankCardId(),
                        createdAt, key, hash, body, outBizNo))
                .call(() -> faults.reach(FaultPoint.PREPAYMENT_COMMITTED, caller.memberId()).onFailure().recoverWithNull())
                .chain(rows -> {
                    Row r = rows.iterator().next();
                    return hpf ? accounts.publish(AccountRepository.snapshot(r)).onFailure().recoverWithNull()
                            : Uni.createFrom().voidItem();
                })
                .map(x -> Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body.getBytes(StandardCharsets.UTF_8)).build())
                .onFailure(e -> e instanceof PgException pg && "prepayment_out_biz_no".equals(pg.getConstraint()))
                .transform(e -> new ApiException(422, Refusal.IDEMPOTENCY_KEY_REUSED.name(),
                        "This app already used this outBizNo for another request.", "outBizNo", null))
                .onFailure(PrepaymentService::lostARace).recoverWithUni(e -> explainLostRace(caller, ctx, req, key,
                        hash))
                .onFailure(e -> Refusal.raisedBy(e) != null).transform(e -> Refusal.raisedBy(e).error(clock));
    }

    /**
     * The statement found a condition broken after the checks passed. A concurrent attempt with the same key may
     * have committed (when the Redis lease was unavailable): its answer wins. Otherwise the member gets the reason.
     */
    private Uni<Response> explainLostRace(Caller caller, PrepaymentContext ctx, PrepaymentRequest req, String key,
                                          String hash) {
        return idempotency.find(caller.memberId(), PrepaymentRepository.OPERATION, key).chain(stored -> {
            if (stored != null) {
                return Uni.createFrom().item(Idempotency.replayOrReject(stored, hash));
            }
            return context(caller, ctx.loan().id(), req).map(again -> {
                again.check(req);
                throw Refusal.PREPAYMENT_CONFLICT.error();
            });
        });
    }

    /** A guard found its condition broken, or a unique index that a concurrent request won; never our own record. */
    private static boolean lostARace(Throwable e) {
        return Refusal.raisedBy(e) == Refusal.PREPAYMENT_CONFLICT || e instanceof PgException pg
                && "23505".equals(pg.getSqlState()) && !Idempotency.isDuplicateRecord(e);
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
