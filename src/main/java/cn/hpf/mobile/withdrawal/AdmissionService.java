package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountService;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.OutcomeUnknownException;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.Tracing;
import cn.hpf.mobile.common.Zones;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.common.idempotency.Idempotency;
import cn.hpf.mobile.ops.stats.RefusalTally;
import cn.hpf.mobile.ops.switches.ClusterSwitches;
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
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Admits a withdrawal (DESIGN.md, "Peak design"): idempotency, eligibility, then in redis mode a share of the
 * sharded daily budget (its entry is the write-ahead record of the admission) and a hold on the member's keys,
 * then the one PostgreSQL statement, which guards balance, caps and budget again on their rows; after the commit
 * the Redis hold becomes the PostgreSQL snapshot and the payout is told.
 *
 * <p>PostgreSQL decides, Redis filters: a refusal Redis finds is answered only after the member's Redis state was
 * reconciled with PostgreSQL and the hold tried again, a definite refusal of PostgreSQL gives the Redis
 * reservations back at once (and repairs what Redis had wrong), and a write with an unknown outcome leaves them to
 * {@link HoldRecovery} (503; the Idempotency-Key stays busy until the outcome is known). While Redis is down,
 * admission runs on PostgreSQL alone, whose guards are complete. Nothing after the commit can turn the 201 into
 * an error.
 */
@ApplicationScoped
public class AdmissionService {

    private static final Logger LOG = Logger.getLogger(AdmissionService.class);
    /** PostgreSQL refused what Redis let through: the Redis copy of the member was wrong, and is reconciled. */
    private static final Set<Refusal> STALE_COPY = EnumSet.of(Refusal.INSUFFICIENT_BALANCE,
            Refusal.AMOUNT_MUST_EQUAL_AVAILABLE, Refusal.OTHER_WITHDRAWAL_IN_FLIGHT);

    private final CategoryCatalog catalog;
    private final Idempotency idempotency;
    private final AdmissionRepository admissions;
    private final EligibilityRules rules;
    private final MemberHolds holds;
    private final HoldPlacement placement;
    private final DailyBudget budget;
    private final MemberReconciler reconciler;
    private final AccountService accounts;
    private final Event<WithdrawalAccepted> accepted;
    private final AdmissionConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final FaultPoints faults;
    private final ClusterSwitches switches;
    private final RefusalTally refusals;

    public AdmissionService(CategoryCatalog catalog, Idempotency idempotency, AdmissionRepository admissions,
                            EligibilityRules rules, MemberHolds holds, HoldPlacement placement, DailyBudget budget,
                            MemberReconciler reconciler,
                            AccountService accounts, Event<WithdrawalAccepted> accepted, AdmissionConfig config,
                            ObjectMapper json, Clock clock, FaultPoints faults, ClusterSwitches switches,
                            RefusalTally refusals) {
        this.catalog = catalog;
        this.idempotency = idempotency;
        this.admissions = admissions;
        this.rules = rules;
        this.holds = holds;
        this.placement = placement;
        this.budget = budget;
        this.reconciler = reconciler;
        this.accounts = accounts;
        this.accepted = accepted;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.faults = faults;
        this.switches = switches;
        this.refusals = refusals;
    }

    /** A request that passed the 400 checks. */
    record Draft(long amountFen, Long bankCardId, Long loanId, UUID faceVerificationId) {
    }

    public Uni<Response> admit(Caller caller, String idempotencyKey, WithdrawalRequest body) {
        return admit(caller, Idempotency.requireKey(idempotencyKey), body, null);
    }

    /**
     * A partner's withdrawal for a member who consented: {@code outBizNo} is its idempotency key, unique per app (the
     * same outBizNo and body answer the first answer; another body, or another member, 422 IDEMPOTENCY_KEY_REUSED).
     */
    public Uni<Response> admitFromPartner(Caller caller, String outBizNo, WithdrawalRequest body) {
        return admit(caller, partnerKey(outBizNo), body, outBizNo);
    }

    /** The member-scoped idempotency key of a partner's outBizNo (400 when malformed). */
    public static String partnerKey(String outBizNo) {
        if (outBizNo == null || !outBizNo.matches("^[A-Za-z0-9_-]{1,64}$")) {
            throw ApiException.invalidField("outBizNo", "outBizNo is required: 1–64 of A–Z, a–z, 0–9, '_', '-'.");
        }
        return "outBizNo:" + outBizNo;
    }

    /** Every problem answer is counted by code for the operators' statistics (refusal_count). */
    private Uni<Response> admit(Caller caller, String key, WithdrawalRequest body, String outBizNo) {
        return Uni.createFrom().deferred(() -> admitCounted(caller, key, body, outBizNo))
                .onFailure(ApiException.class).invoke(e -> refusals.count(((ApiException) e).code()));
    }

    private Uni<Response> admitCounted(Caller caller, String key, WithdrawalRequest body, String outBizNo) {
        if (body == null) {
            throw ApiException.badRequest("BODY_REQUIRED", "Send the withdrawal as a JSON body.", null);
        }
        // The key is checked before the business rules: a retry gets its stored answer even if the category has
        // been disabled since. The fingerprint uses the request's own category code (the catalog's key).
        Draft d = validate(body);
        // Before the key is taken: a paused centre refuses at the cost of a field read, and a retry with the same
        // key after the resume gets the first answer if there was one.
        switches.requireAdmissionsOpen();
        String hash = Idempotency.fingerprint(body.category(), d.amountFen(), d.bankCardId(), d.loanId(),
                d.faceVerificationId());
        // In redis mode the settle script keeps the answer for retries (afterCommit).
        return shutAtTheDoor(caller, key, body, d).chain(shut -> shut
                ? Uni.createFrom().failure(budget.refusedAtDoor())
                : idempotency.execute(caller.memberId(), AdmissionRepository.OPERATION, key, hash,
                config.mode() == AdmissionMode.REDIS, () -> catalog.require(body.category())
                        .invoke(category -> requirePayee(category, body))
                        .chain(category -> admitOnce(caller, category, d, key, hash, outBizNo))
                        .map(created -> Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                                .entity(created).build())));
    }

    /**
     * The door (redis mode): on a day PostgreSQL found without room for this amount (DailyBudget's mark), a new
     * request is refused from Redis alone, before any PostgreSQL access. It comes after the 400 checks and the pause
     * switch, and lets through a key Redis holds (a kept answer, an attempt in flight): that request goes the whole
     * way, so a retry of an admitted withdrawal still gets its 201. Taking no lease keeps a refusal free of the
     * PostgreSQL look-up that a failed attempt under a lease makes.
     */
    private Uni<Boolean> shutAtTheDoor(Caller caller, String key, WithdrawalRequest body, Draft d) {
        if (config.mode() != AdmissionMode.REDIS) {
            return Uni.createFrom().item(false);
        }
        return budget.shutAtDoor(LocalDate.ofInstant(clock.instant(), Zones.SHANGHAI), d.amountFen())
                .chain(shut -> !shut ? Uni.createFrom().item(false)
                        : idempotency.held(caller.memberId(), AdmissionRepository.OPERATION, key).map(held -> !held))
                .chain(shut -> !shut ? Uni.createFrom().item(false)
                        : catalog.require(body.category()).invoke(category -> requirePayee(category, body))
                        .replaceWith(true));
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

    private Uni<String> admitOnce(Caller caller, Category category, Draft d, String key, String hash,
                                  String outBizNo) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, Zones.SHANGHAI);
        String periodKey = category.oncePerMonth() ? YearMonth.from(today).toString() : null;
        UUID id = UUID.randomUUID();
        Tracing.tagWithdrawal(id);
        Instant createdAt = now.truncatedTo(ChronoUnit.MICROS);
        return admissions.context(caller.memberId(), d.bankCardId(), d.faceVerificationId(), d.loanId(), category)
                .chain(ctx -> rules.check(caller.memberId(), category, ctx, d.loanId(), d.amountFen(), today)
                        .map(cap -> new AdmissionPlan(id, caller, category, d.amountFen(), d.bankCardId(),
                                category.paysToLoan() ? ctx.loanId() : null, d.faceVerificationId(), periodKey, today,
                                createdAt, key, hash, cap, ctx.account(), outBizNo)))
                .chain(plan -> {
                    String body = body(new WithdrawalCreated(id, outBizNo, WithdrawalStatus.ACCEPTED.name(),
                            d.amountFen(), category.code(), createdAt));
                    return budget.terms(plan.budgetDay()).chain(day -> {
                        budget.requireWithinOneShard(day, plan.amountFen());
                        return config.mode() == AdmissionMode.REDIS ? reserveHoldWrite(plan, day, body, -1)
                                : viaPostgres(plan, day, body, -1, 0).replaceWith(body);
                    }).invoke(() -> accepted.fireAsync(new WithdrawalAccepted(id)));
                });
    }

    /**
     * The budget reservation first: it is the admission's write-ahead record, so a crash at any later step leaves
     * recovery an entry to find. {@code except}: a shard PostgreSQL found full although Redis had room.
     */
    private Uni<String> reserveHoldWrite(AdmissionPlan p, BudgetTerms day, String body, int except) {
        long reservedAt = clock.millis();
        return budget.reserve(day, p.withdrawalId(), p.amountFen(), p.memberId(), except)
                .onFailure(AdmissionService::redisDown).recoverWithItem(-1)
                .chain(shard -> shard < 0 ? viaPostgres(p, day, body, -1, 0).replaceWith(body)
                        : faults.reach(FaultPoint.ADMISSION_RESERVED, p.memberId())
                        .chain(() -> hold(p))
                        .onFailure().call(e -> budget.release(p.budgetDay(), shard, p.withdrawalId())
                                .onFailure().recoverWithNull())
                        .call(() -> clock.millis() - reservedAt < DailyBudget.RESTAMP_AFTER.toMillis()
                                ? Uni.createFrom().voidItem()
                                : budget.restamp(p.budgetDay(), shard, p.withdrawalId(), p.amountFen(), p.memberId())
                                .onFailure().recoverWithNull())
                        .chain(held -> !held ? withoutHold(p, day, body, shard)
                                : faults.reach(FaultPoint.ADMISSION_HELD, p.memberId())
                                .chain(() -> write(p, day, shard, body, except < 0))));
    }

    /**
     * Redis took the reservation but not the hold: PostgreSQL alone decides, from the reserved shard on. The
     * reservation is confirmed where the withdrawal committed on it and given back where it was definitely not
     * written there; an unknown outcome leaves it to recovery.
     */
    private Uni<String> withoutHold(AdmissionPlan p, BudgetTerms day, String body, int shard) {
        return viaPostgres(p, day, body, shard, 0)
                .call(committedOn -> (committedOn == shard
                        ? budget.confirm(p.budgetDay(), shard, p.withdrawalId())
                        : budget.release(p.budgetDay(), shard, p.withdrawalId())).onFailure().recoverWithNull())
                .onFailure(AdmissionService::notWritten)
                .call(() -> budget.release(p.budgetDay(), shard, p.withdrawalId()).onFailure().recoverWithNull())
                .replaceWith(body);
    }

    private Uni<Boolean> hold(AdmissionPlan p) {
        return placement.place(new HoldPlacement.Request(p.memberId(), p.withdrawalId(), p.amountFen(), clock.millis(),
                p.category().wholeBalance(), p.category().closesAccount(), p.cap(),
                keyFingerprint(p.idempotencyKey()), p.account()));
    }

    private Uni<String> write(AdmissionPlan p, BudgetTerms day, int shard, String body, boolean mayRetryBudget) {
        return admissions.write(p, shard, body)
                .call(() -> faults.reach(FaultPoint.ADMISSION_COMMITTED, p.memberId()).onFailure().recoverWithNull())
                .chain(snapshot -> afterCommit(p, shard, snapshot, body))
                .replaceWith(body)
                .onFailure().recoverWithUni(e -> {
                    if (e instanceof OutcomeUnknownException) {
                        // May still commit: the hold and the reservation stay for recovery, which asks PostgreSQL
                        // once the outcome is decided; the key stays busy until then (Idempotency).
                        return Uni.createFrom().failure(e);
                    }
                    if (!notWritten(e)) {
                        return Uni.createFrom().failure(e); // not a known "not written": recovery decides
                    }
                    Uni<Void> giveBack = Uni.combine().all().unis(
                                    holds.release(p.memberId(), p.withdrawalId()).onFailure().recoverWithNull(),
                                    budget.release(p.budgetDay(), shard, p.withdrawalId()).onFailure().recoverWithNull())
                            .discardItems();
                    if (!(e instanceof AdmissionRepository.Refused refused)) {
                        return giveBack.chain(() -> Uni.createFrom().failure(answerNotWritten(e)));
                    }
                    if (refused.refusal == Refusal.DAILY_BUDGET_EXHAUSTED && mayRetryBudget) {
                        // Redis counted less than PostgreSQL on this shard: repair it, then try another shard.
                        return giveBack.chain(() -> budget.repair(p.budgetDay(), shard, false)
                                        .onFailure().recoverWithNull())
                                .chain(() -> reserveHoldWrite(p, day, body, shard));
                    }
                    Uni<Void> repair = STALE_COPY.contains(refused.refusal)
                            ? reconciler.reconcile(p.memberId()).replaceWithVoid().onFailure().recoverWithNull()
                            : Uni.createFrom().voidItem();
                    return giveBack.chain(() -> repair).chain(() -> Uni.createFrom().failure(refused.answer));
                });
    }

    /** Committed: the answer is 201 whatever happens here; anything left undone is finished by recovery. */
    private Uni<Void> afterCommit(AdmissionPlan p, int shard, AccountSnapshot snapshot, String body) {
        return holds.settle(p.withdrawalId(), snapshot, committedAnswer(p, body))
                .call(() -> faults.reach(FaultPoint.ADMISSION_SETTLED, p.memberId()))
                .chain(() -> budget.confirm(p.budgetDay(), shard, p.withdrawalId()))
                .onFailure().invoke(e -> LOG.warnf("Admission %s not settled in Redis now (%s); recovery will",
                        p.withdrawalId(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The answer the admission statement stored ({@code body}), for the settle script to keep for retries. */
    private static MemberHolds.CommittedAnswer committedAnswer(AdmissionPlan p, String body) {
        return new MemberHolds.CommittedAnswer(
                Idempotency.redisKey(p.memberId(), AdmissionRepository.OPERATION, p.idempotencyKey()),
                Idempotency.answerArgs(p.requestHash(), 201, body));
    }

    /**
     * PostgreSQL alone (mode postgres, or Redis unavailable): its statement guards balance, caps and the budget;
     * the budget shard is drawn at random and, when it is full, the next one is tried. Answers the shard it
     * committed on.
     */
    private Uni<Integer> viaPostgres(AdmissionPlan p, BudgetTerms day, String body, int shardHint, int tried) {
        int shards = day.shards();
        int shard = shardHint >= 0 ? shardHint : ThreadLocalRandom.current().nextInt(shards);
        return admissions.write(p, shard, body)
                .call(snapshot -> accounts.publish(snapshot).onFailure().recoverWithNull())
                .replaceWith(shard)
                .onFailure(AdmissionRepository.Refused.class).recoverWithUni(e -> {
                    AdmissionRepository.Refused refused = (AdmissionRepository.Refused) e;
                    if (refused.refusal == Refusal.DAILY_BUDGET_EXHAUSTED && tried + 1 < shards) {
                        return viaPostgres(p, day, body, (shard + 1) % shards, tried + 1);
                    }
                    return Uni.createFrom().failure(refused.answer);
                })
                .onFailure(e -> !(e instanceof ApiException) && e instanceof io.vertx.pgclient.PgException)
                .transform(AdmissionService::answerNotWritten);
    }

    /**
     * Known not to have been written: PostgreSQL refused or answered with an error, or the statement was never sent.
     * Anything else (an outcome unknown, a failure after the commit) is recovery's to decide.
     */
    private static boolean notWritten(Throwable e) {
        return !(e instanceof OutcomeUnknownException) && (e instanceof AdmissionRepository.Refused
                || e instanceof ApiException || e instanceof io.vertx.pgclient.PgException);
    }

    /** PostgreSQL answered with an error that is no refusal (deadlock, statement timeout): nothing was written. */
    private static Throwable answerNotWritten(Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        LOG.warnf("Admission not written: %s", e.toString());
        return Refusal.ADMISSION_UNAVAILABLE.error(Clock.systemUTC());
    }

    /** A failure of Redis itself, not an answer of one of our scripts. */
    static boolean redisDown(Throwable e) {
        return !(e instanceof ApiException) && !(e instanceof MemberHolds.Refused);
    }

    /** Holds carry a short fingerprint of their Idempotency-Key: a second attempt with it sees the first. */
    static String keyFingerprint(String idempotencyKey) {
        return Idempotency.fingerprint(idempotencyKey).substring(0, 16);
    }

    private String body(WithdrawalCreated created) {
        try {
            return json.writeValueAsString(created);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
