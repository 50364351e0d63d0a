package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountService;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.idempotency.Idempotency;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Admits a withdrawal (DESIGN.md, "Peak design"): idempotency, eligibility, then in redis mode a hold on the
 * member's keys and a share of the sharded daily budget, then the one PostgreSQL statement; after the commit the
 * Redis hold becomes the PostgreSQL snapshot and the payout is told. A definite refusal gives the Redis
 * reservations back; a write with an unknown outcome leaves them to {@link HoldRecovery} (503, retry with the same
 * key); nothing after the commit can turn the 201 into an error.
 */
@ApplicationScoped
public class AdmissionService {

    private static final Logger LOG = Logger.getLogger(AdmissionService.class);

    private final CategoryCatalog catalog;
    private final Idempotency idempotency;
    private final AdmissionContextRepository contexts;
    private final EligibilityRules rules;
    private final MemberHolds holds;
    private final DailyBudget budget;
    private final HoldIndex index;
    private final AdmissionWriter writer;
    private final AccountService accounts;
    private final Event<WithdrawalAccepted> accepted;
    private final AdmissionConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public AdmissionService(CategoryCatalog catalog, Idempotency idempotency, AdmissionContextRepository contexts,
                            EligibilityRules rules, MemberHolds holds, DailyBudget budget, HoldIndex index,
                            AdmissionWriter writer, AccountService accounts, Event<WithdrawalAccepted> accepted,
                            AdmissionConfig config, ObjectMapper json, Clock clock) {
        this.catalog = catalog;
        this.idempotency = idempotency;
        this.contexts = contexts;
        this.rules = rules;
        this.holds = holds;
        this.budget = budget;
        this.index = index;
        this.writer = writer;
        this.accounts = accounts;
        this.accepted = accepted;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** A request that passed the 400 checks. */
    record Draft(long amountFen, Long bankCardId, Long loanId, UUID faceVerificationId) {
    }

    public Uni<Response> admit(Caller caller, String idempotencyKey, WithdrawalRequest body) {
        String key = Idempotency.requireKey(idempotencyKey);
        if (body == null) {
            throw ApiException.badRequest("BODY_REQUIRED", "Send the withdrawal as a JSON body.", null);
        }
        // The key is checked before the business rules: a retry gets its stored answer even if the category has
        // been disabled since. The fingerprint uses the request's own category code (the catalog's key).
        Draft d = validate(body);
        String hash = Idempotency.fingerprint(body.category(), d.amountFen(), d.bankCardId(), d.loanId(),
                d.faceVerificationId());
        return idempotency.execute(caller.memberId(), AdmissionWriter.OPERATION, key, hash,
                () -> catalog.require(body.category())
                        .invoke(category -> requirePayee(category, body))
                        .chain(category -> admitOnce(caller, category, d, key, hash))
                        .map(created -> Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                                .entity(created).build()));
    }

    /** The checks that need no category (400). */
    private Draft validate(WithdrawalRequest body) {
        Long amount = body.amountFen();
        if (amount == null) {
            throw ApiException.invalidField("amountFen", "amountFen is required.");
        }
        if (amount <= 0 || amount > config.maxAmountFen()) {
            throw ApiException.invalidField("amountFen",
                    "amountFen must be between 1 and " + config.maxAmountFen() + " fen.");
        }
        if (body.faceVerificationId() == null || body.faceVerificationId().isBlank()) {
            throw ApiException.invalidField("faceVerificationId", "faceVerificationId is required.");
        }
        UUID faceId;
        try {
            faceId = UUID.fromString(body.faceVerificationId().trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("faceVerificationId", "faceVerificationId must be a verification id.");
        }
        return new Draft(amount, body.bankCardId(), body.loanId(), faceId);
    }

    /** The payee the category pays to (400). */
    private static void requirePayee(Category category, WithdrawalRequest body) {
        if (category.paysToLoan()) {
            if (body.bankCardId() != null) {
                throw ApiException.invalidField("bankCardId", category.code()
                        + " is paid to the lending bank's loan account: omit bankCardId (name the loan with loanId).");
            }
        } else {
            if (body.bankCardId() == null) {
                throw ApiException.invalidField("bankCardId", "bankCardId is required: name one of your cards.");
            }
            if (body.loanId() != null) {
                throw ApiException.invalidField("loanId", "loanId is only for LOAN_REPAYMENT.");
            }
        }
    }

    private Uni<String> admitOnce(Caller caller, Category category, Draft d, String key, String hash) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, Zones.SHANGHAI);
        String periodKey = category.oncePerMonth() ? YearMonth.from(today).toString() : null;
        UUID id = UUID.randomUUID();
        Instant createdAt = now.truncatedTo(ChronoUnit.MICROS);
        return contexts.load(caller.memberId(), d.bankCardId(), d.faceVerificationId(), d.loanId(), category, periodKey)
                .chain(ctx -> rules.check(caller.memberId(), category, ctx, d.loanId(), d.amountFen(), today)
                        .map(cap -> new AdmissionPlan(id, caller, category, d.amountFen(), d.bankCardId(),
                                category.paysToLoan() ? ctx.loanId() : null, d.faceVerificationId(), periodKey, today,
                                createdAt, key, hash, cap, ctx.account())))
                .chain(plan -> {
                    String body = body(new WithdrawalCreated(id, "ACCEPTED", d.amountFen(), category.code(), createdAt));
                    Uni<String> admitted = config.mode() == AdmissionMode.REDIS
                            ? viaRedis(plan, body, now.toEpochMilli()) : viaPostgres(plan, body);
                    return admitted.invoke(() -> accepted.fireAsync(new WithdrawalAccepted(id)));
                });
    }

    private Uni<String> viaRedis(AdmissionPlan p, String body, long nowMillis) {
        budget.requireWithinOneShard(p.amountFen());
        long member = p.memberId();
        // Stamped now, after the data-sharing calls, not at request start: recovery judges the hold only
        // hold-grace after this, and the write (two Redis round trips later) gives up well before that.
        AtomicBoolean filledFromContext = new AtomicBoolean();
        return index.add(p.withdrawalId(), member, p.budgetDay(), clock.millis())
                .chain(() -> hold(p, nowMillis, filledFromContext))
                .onFailure().transform(AdmissionService::redisUnavailable)
                .chain(() -> budget.reserve(p.budgetDay(), p.withdrawalId(), p.amountFen())
                        .onFailure().transform(AdmissionService::redisUnavailable)
                        .onFailure().call(() -> releaseHold(p)))
                .chain(shard -> writer.write(p, shard, body)
                        // Well below hold-grace: recovery never judges a hold whose write may still be running.
                        .ifNoItem().after(config.writeTimeout())
                        .failWith(() -> new java.util.concurrent.TimeoutException("admission write timed out"))
                        .onFailure(AdmissionService::definitelyNotWritten).call(() -> giveBack(p, shard))
                        .onFailure(e -> !definitelyNotWritten(e)).transform(e -> outcomeUnknown(p, e)))
                .chain(snapshot -> afterCommit(p, snapshot))
                // A cold cache filled from the context read may have missed a write that committed since; on
                // success the settle publishes the newer version, on any failure a fresh read replaces it.
                .onFailure(e -> filledFromContext.get()).call(() -> accounts.refill(member)
                        .onFailure().recoverWithNull())
                .replaceWith(body);
    }

    private Uni<Void> giveBack(AdmissionPlan p, int shard) {
        return budget.giveBack(p.budgetDay(), shard, p.withdrawalId())
                .onFailure().recoverWithNull()
                .chain(() -> releaseHold(p));
    }

    /**
     * PostgreSQL answered with an error (a refusal from {@code hpf_admission_refused}, a unique violation, any
     * other server error): the statement rolled back, so the reservations can go back at once.
     */
    private static boolean definitelyNotWritten(Throwable e) {
        return e instanceof ApiException || e instanceof io.vertx.pgclient.PgException;
    }

    /**
     * Connection lost or timed out: the statement may have committed. The hold and its index entry stay for
     * {@link HoldRecovery}, which asks PostgreSQL before releasing; a retry with the same key replays the answer
     * if it did commit.
     */
    private static Throwable outcomeUnknown(AdmissionPlan p, Throwable e) {
        LOG.warnf("Admission write of %s has an unknown outcome (%s); recovery decides", p.withdrawalId(), e.toString());
        return ApiException.unavailable("ADMISSION_UNAVAILABLE",
                "Your withdrawal could not be confirmed yet; retry with the same Idempotency-Key shortly.", 5);
    }

    /**
     * Places the hold; on a cold cache (flushed or never filled) fills it with the account the context query read
     * (version-guarded, so never over a newer copy; see viaRedis for a write that committed in between) and
     * tries once more.
     */
    private Uni<Void> hold(AdmissionPlan p, long nowMillis, AtomicBoolean filledFromContext) {
        return holds.hold(p.memberId(), p.withdrawalId(), p.amountFen(), nowMillis, p.category().wholeBalance(), p.cap())
                .chain(outcome -> switch (outcome) {
                    case OK -> Uni.createFrom().voidItem();
                    case MISS -> filledFromContext.compareAndSet(false, true)
                            ? accounts.publish(p.account()).chain(() -> hold(p, nowMillis, filledFromContext))
                            : Uni.createFrom().failure(redisUnavailable(new IllegalStateException("account hash vanished")));
                    case INSUFFICIENT -> refuse(p, "INSUFFICIENT_BALANCE");
                    case NOT_WHOLE -> refuse(p, "AMOUNT_MUST_EQUAL_AVAILABLE");
                    case CAP -> refuse(p, "CATEGORY_CAP_EXCEEDED");
                });
    }

    private Uni<Void> refuse(AdmissionPlan p, String code) {
        return index.remove(p.withdrawalId(), p.memberId(), p.budgetDay()).onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().failure(Refusals.byCode(code, clock)));
    }

    private Uni<Void> releaseHold(AdmissionPlan p) {
        return holds.release(p.memberId(), p.withdrawalId())
                .chain(() -> index.remove(p.withdrawalId(), p.memberId(), p.budgetDay()))
                .onFailure().invoke(e -> LOG.warnf("Hold %s not released now (%s); recovery will", p.withdrawalId(),
                        e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Committed: the answer is 201 whatever happens here; a failed settle is left to recovery. */
    private Uni<Void> afterCommit(AdmissionPlan p, AccountSnapshot snapshot) {
        return holds.settle(p.withdrawalId(), snapshot)
                .chain(() -> index.remove(p.withdrawalId(), p.memberId(), p.budgetDay()))
                .onFailure().invoke(e -> LOG.warnf("Hold %s not settled now (%s); recovery will", p.withdrawalId(),
                        e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<String> viaPostgres(AdmissionPlan p, String body) {
        return writer.write(p, 0, body)
                .chain(snapshot -> accounts.publish(snapshot).onFailure().recoverWithNull())
                .replaceWith(body);
    }

    private static Throwable redisUnavailable(Throwable e) {
        if (e instanceof ApiException) {
            return e;
        }
        LOG.warnf("Admission refused while Redis is unavailable: %s", e.getMessage());
        return ApiException.unavailable("ADMISSION_UNAVAILABLE",
                "Withdrawals are paused for a moment; retry shortly.", 2);
    }

    private String body(WithdrawalCreated created) {
        try {
            return json.writeValueAsString(created);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
