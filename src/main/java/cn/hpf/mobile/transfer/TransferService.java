package cn.hpf.mobile.transfer;

import cn.hpf.mobile.account.AccountService;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.account.AccountStatus;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.Caller;
import cn.hpf.mobile.common.OutcomeUnknownException;
import cn.hpf.mobile.common.Refusal;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.common.idempotency.Idempotency;
import cn.hpf.mobile.transfer.TransferRepository.TransferIn;
import cn.hpf.mobile.transfer.TransferRepository.TransferOut;
import cn.hpf.mobile.transfer.platform.PlatformCallback;
import cn.hpf.mobile.transfer.platform.TransferCallbacks;
import cn.hpf.mobile.transfer.platform.TransferPlatform;
import cn.hpf.mobile.transfer.platform.TransferPlatform.TransferOutAnswer;
import cn.hpf.mobile.withdrawal.AdmissionConfig;
import cn.hpf.mobile.withdrawal.AdmissionMode;
import cn.hpf.mobile.withdrawal.HoldPlacement;
import cn.hpf.mobile.withdrawal.MemberReconciler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Transfers between cities, both halves, with a withdrawal's money rules.
 *
 * <p><b>In</b>: the member's request is written with its idempotency record, then handed to the platform (again by
 * {@link TransferRetry} until the platform took it); the platform's notifications move it REQUESTED → CONFIRMED →
 * CREDITED (one TRANSFER_IN entry, keyed by the platform's transfer id) or REJECTED.
 *
 * <p><b>Out</b>: the platform asks for a member's balance; the whole available balance is held on the one hold path
 * (Redis first, then PostgreSQL under the guard every hold passes), and the answer — the amount, or the refusal —
 * is kept and sent (again until the platform took it). The platform's confirmation posts it (TRANSFER_OUT entry; the
 * account closes by the closing rule), its cancellation voids it. The hold's id is derived from the platform's
 * transfer id, so a repeated request finds its own hold, never a second one.
 *
 * <p>Every notification is idempotent: a repeat changes nothing and answers as the first did.
 */
@ApplicationScoped
public class TransferService implements TransferCallbacks {

    private static final Logger LOG = Logger.getLogger(TransferService.class);
    private static final Pattern CENTRE = Pattern.compile("^[0-9]{6}$");
    private static final Pattern ACCOUNT = Pattern.compile("^[A-Za-z0-9-]{1,32}$");
    private static final int LIST_LIMIT = 100;
    private static final String LOAN_REASON =
            "The member has an HPF loan here: it must be repaid before the account can move.";

    private final TransferRepository transfers;
    private final TransferPlatform platform;
    private final TransferEvents events;
    private final Idempotency idempotency;
    private final HoldPlacement holds;
    private final AccountService accounts;
    private final AdmissionConfig admission;
    private final ObjectMapper json;
    private final Clock clock;
    private final FaultPoints faults;
    private final MemberReconciler reconciler;

    public TransferService(TransferRepository transfers, TransferPlatform platform, TransferEvents events,
                           Idempotency idempotency, HoldPlacement holds, AccountService accounts,
                           AdmissionConfig admission, ObjectMapper json, Clock clock, FaultPoints faults,
                           MemberReconciler reconciler) {
        this.transfers = transfers;
        this.platform = platform;
        this.events = events;
        this.idempotency = idempotency;
        this.holds = holds;
        this.accounts = accounts;
        this.admission = admission;
        this.json = json;
        this.clock = clock;
        this.faults = faults;
        this.reconciler = reconciler;
    }

    public Uni<List<TransferCentre>> centres() {
        return transfers.centres();
    }

    // --- the member's side ---

    public Uni<Response> requestIn(Caller caller, String rawKey, TransferInRequest body) {
        String key = Idempotency.requireKey(rawKey);
        if (body == null) {
            throw ApiException.badRequest("BODY_REQUIRED", "Send the transfer as a JSON body.", null);
        }
        String centre = body.originCentreCode() == null ? null : body.originCentreCode().trim();
        String account = body.originAccountNo() == null ? null : body.originAccountNo().trim();
        if (centre == null || !CENTRE.matcher(centre).matches()) {
            throw ApiException.invalidField("originCentreCode",
                    "originCentreCode is required: the origin centre's six-digit code (GET /v1/transfer-centres).");
        }
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            throw ApiException.invalidField("originAccountNo",
                    "originAccountNo is required: 1–32 of A–Z, a–z, 0–9, '-'.");
        }
        String hash = Idempotency.fingerprint(centre, account);
        return idempotency.execute(caller.memberId(), TransferRepository.REQUEST_IN_OPERATION, key, hash,
                () -> transfers.centres().chain(all -> {
                    TransferCentre origin = all.stream().filter(c -> c.code().equals(centre)).findFirst()
                            .orElseThrow(() -> ApiException.unprocessable("ORIGIN_CENTRE_UNKNOWN",
                                    "No centre " + centre + " on the national transfer platform.",
                                    "originCentreCode"));
                    if (origin.own()) {
                        throw ApiException.unprocessable("ORIGIN_CENTRE_IS_THIS_CENTRE",
                                "Your account here is already at this centre: name the centre you moved from.",
                                "originCentreCode");
                    }
                    UUID id = UUID.randomUUID();
                    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                    String answer = body(new TransferInView(id, centre, origin.name(), account,
                            TransferInStatus.REQUESTED.name(), null, null, null, null, now, now));
                    return transfers.requestIn(id, caller, centre, account, now.atOffset(ZoneOffset.UTC), key, hash,
                                    answer)
                            .onFailure(TransferRepository::isAlreadyOpen).transform(e -> ApiException.conflict(
                                    "TRANSFER_IN_ALREADY_OPEN", "A transfer-in from this account is already under "
                                            + "way; follow it in GET /v1/me/transfers-in."))
                            .invoke(() -> submit(id).subscribe().with(x -> { }, e -> LOG.infof(
                                    "Transfer-in %s not handed to the platform now (%s); retried", id, e)))
                            .replaceWith(() -> Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                                    .entity(answer.getBytes(StandardCharsets.UTF_8)).build());
                }));
    }

    public Uni<List<TransferInView>> transfersIn(long memberId) {
        return transfers.inList(memberId, LIST_LIMIT).map(all -> all.stream().map(TransferIn::view).toList());
    }

    public Uni<TransferInView> transferIn(long memberId, String id) {
        return currentIn(parseId(id), memberId).onItem().ifNull().failWith(TransferService::notFound);
    }

    public Uni<List<TransferOutView>> transfersOut(long memberId) {
        return transfers.outList(memberId, LIST_LIMIT).map(all -> all.stream().map(TransferOut::view).toList());
    }

    public Uni<TransferOutView> transferOut(long memberId, String id) {
        return currentOut(parseId(id), memberId).onItem().ifNull().failWith(TransferService::notFound);
    }

    /** The transfer's current state for its event stream; null when it is not the member's. */
    public Uni<TransferInView> currentIn(UUID id, long memberId) {
        return transfers.inForMember(id, memberId).map(t -> t == null ? null : t.view());
    }

    public Uni<TransferOutView> currentOut(UUID id, long memberId) {
        return transfers.outForMember(id, memberId).map(t -> t == null ? null : t.view());
    }

    /** Hands a transfer-in to the platform (idempotent there) and keeps the platform's id. */
    Uni<Void> submit(UUID id) {
        return transfers.submission(id).chain(s -> s == null ? Uni.createFrom().voidItem()
                : platform.submitTransferIn(new TransferPlatform.TransferInSubmission(s.id(), s.originCentreCode(),
                                s.originAccountNo(), s.idNumber(), s.name(), s.ownCentre(), s.memberNo()))
                        .chain(platformId -> transfers.submitted(id, platformId).invoke(kept -> {
                            if (!kept) {
                                LOG.warnf("Transfer-in %s: the platform answered %s, another id was kept", id,
                                        platformId);
                            }
                        }))
                        .replaceWithVoid());
    }

    /** Sends the kept answer of a transfer-out again until the platform took it. */
    Uni<Void> answer(TransferOut t) {
        String platformId = t.view().platformTransferId();
        TransferOutAnswer answer = switch (t.status()) {
            case HELD, POSTED -> TransferOutAnswer.agreed(t.view().amountFen());
            case REFUSED -> TransferOutAnswer.refused(t.view().reasonCode(), t.view().reason());
            // The platform cancelled it before it heard our answer: an agreement now would be untrue, and the
            // cancellation needs none.
            case VOIDED -> null;
        };
        return (answer == null ? Uni.createFrom().voidItem() : platform.answerTransferOut(platformId, answer))
                .chain(() -> transfers.answered(platformId));
    }

    Uni<Void> answerAgain(String platformTransferId) {
        return transfers.outFor(platformTransferId).chain(t -> t == null ? Uni.createFrom().voidItem() : answer(t));
    }

    // --- the platform's notifications ---

    @Override
    public Uni<Void> apply(PlatformCallback cb) {
        return Uni.createFrom().deferred(() -> dispatch(cb));
    }

    private Uni<Void> dispatch(PlatformCallback cb) {
        PlatformCallback.Type type;
        try {
            type = PlatformCallback.Type.valueOf(cb.type());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(malformed("Unknown notification type " + cb.type() + "."));
        }
        if (cb.transferId() == null || cb.transferId().isBlank()) {
            return Uni.createFrom().failure(malformed("transferId is required."));
        }
        return switch (type) {
            case TRANSFER_IN_CONFIRMED -> confirmIn(cb);
            case TRANSFER_IN_SETTLED -> creditIn(cb);
            case TRANSFER_IN_REJECTED -> rejectIn(cb);
            case TRANSFER_OUT_REQUESTED -> requestOut(cb);
            case TRANSFER_OUT_CONFIRMED -> postOut(cb);
            case TRANSFER_OUT_CANCELLED -> voidOut(cb);
        };
    }

    private Uni<Void> confirmIn(PlatformCallback cb) {
        long amount = requireAmount(cb);
        return inNamedBy(cb).chain(found -> {
            if (found.status() != TransferInStatus.REQUESTED) {
                return alreadyPast(found, cb, TransferInStatus.CONFIRMED);
            }
            return transfers.confirmIn(found.view().id(), cb.transferId(), amount).chain(moved -> moved != null
                    ? events.in(moved.view())
                    : inNamedBy(cb).chain(now -> alreadyPast(now, cb, TransferInStatus.CONFIRMED)));
        });
    }

    private Uni<Void> creditIn(PlatformCallback cb) {
        long amount = requireAmount(cb);
        return inNamedBy(cb).chain(found -> switch (found.status()) {
            case REQUESTED -> Uni.createFrom().failure(notReady("The transfer is not confirmed yet."));
            case CONFIRMED -> {
                if (found.view().platformTransferId() == null
                        || !found.view().platformTransferId().equals(cb.transferId())) {
                    yield Uni.createFrom().failure(mismatch("The transfer carries another platform id."));
                }
                if (found.view().amountFen() != amount) {
                    yield Uni.createFrom().failure(ApiException.unprocessable("TRANSFER_AMOUNT_MISMATCH",
                            "Settled " + amount + " fen, but " + found.view().amountFen() + " were confirmed."));
                }
                yield transfers.creditIn(cb.transferId(), amount)
                        .call(after -> after == null ? Uni.createFrom().voidItem()
                                : accounts.publish(after).onFailure().recoverWithNull())
                        .chain(after -> inNamedBy(cb).chain(now -> switch (now.status()) {
                            case CREDITED -> after == null ? Uni.createFrom().voidItem()
                                    : events.in(now.view());
                            case REJECTED -> settledButRejected(now, cb, amount);
                            default -> Uni.createFrom().failure(notReady("The credit is not written yet."));
                        }));
            }
            case CREDITED -> Uni.createFrom().voidItem();
            case REJECTED -> settledButRejected(found, cb, amount);
        });
    }

    private static Uni<Void> settledButRejected(TransferIn t, PlatformCallback cb, long amount) {
        LOG.errorf("Transfer-in %s (%s) was REJECTED, but the platform settled %d fen: an operator must send it back",
                t.view().id(), cb.transferId(), amount);
        return Uni.createFrom().failure(contradiction("This transfer was rejected; its money cannot be credited."));
    }

    private Uni<Void> rejectIn(PlatformCallback cb) {
        String code = cb.reasonCode() == null || cb.reasonCode().isBlank() ? "REJECTED" : cb.reasonCode();
        String reason = cb.reason() == null ? "Rejected by the origin centre." : cb.reason();
        return inNamedBy(cb).chain(found -> {
            if (found.status().terminal()) {
                return rejectedAfter(found, cb);
            }
            return transfers.rejectIn(found.view().id(), cb.transferId(), code, reason).chain(moved -> moved != null
                    ? events.in(moved.view())
                    : inNamedBy(cb).chain(now -> rejectedAfter(now, cb)));
        });
    }

    /** A rejection of a transfer already final: a repeat when REJECTED; a contradiction of the books when CREDITED. */
    private static Uni<Void> rejectedAfter(TransferIn t, PlatformCallback cb) {
        if (t.status() == TransferInStatus.CREDITED) {
            LOG.errorf("Transfer-in %s (%s) is CREDITED, but the platform rejected it: an operator must settle it",
                    t.view().id(), cb.transferId());
            return Uni.createFrom().failure(contradiction("This transfer is credited already; it cannot be rejected."));
        }
        return alreadyPast(t, cb, TransferInStatus.REJECTED);
    }

    /** A notification that finds the transfer at or past where it leads: a repeat, answered as the first was. */
    private static Uni<Void> alreadyPast(TransferIn found, PlatformCallback cb, TransferInStatus target) {
        if (found.view().platformTransferId() != null && !found.view().platformTransferId().equals(cb.transferId())) {
            return Uni.createFrom().failure(mismatch("The transfer carries another platform id."));
        }
        if (found.status() == target || found.status().step() > target.step() || found.status().terminal()) {
            if (found.status() != target) {
                LOG.infof("Transfer-in %s is %s; %s ignored", found.view().id(), found.status(), cb.type());
            }
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().failure(notReady("The transfer is " + found.status() + "."));
    }

    private Uni<TransferIn> inNamedBy(PlatformCallback cb) {
        UUID requestId;
        try {
            requestId = cb.requestId() == null ? null : UUID.fromString(cb.requestId());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(malformed("requestId is not a transfer-in id."));
        }
        return transfers.inFor(requestId, cb.transferId()).onItem().ifNull().failWith(TransferService::notFound);
    }

    private Uni<Void> requestOut(PlatformCallback cb) {
        if (cb.accountNo() == null || cb.idNumber() == null || cb.destinationCentreCode() == null) {
            return Uni.createFrom().failure(
                    malformed("accountNo, idNumber and destinationCentreCode are required."));
        }
        return transfers.outFor(cb.transferId()).chain(existing -> {
            if (existing != null) {
                // A repeat: the first attempt may have stopped between the commit and Redis; the member converges.
                return reconciler.reconcile(existing.memberId()).onFailure().recoverWithNull()
                        .chain(() -> answerNow(existing));
            }
            return transfers.outMember(cb.accountNo(), cb.idNumber()).chain(member -> {
                if (member == null) {
                    // Nobody to keep a row for: the same refusal is answered to every repeat.
                    return platform.answerTransferOut(cb.transferId(), TransferOutAnswer.refused("MEMBER_NOT_FOUND",
                            "No member with this account number and ID number at this centre."));
                }
                return holdOut(cb, member);
            });
        });
    }

    private Uni<Void> holdOut(PlatformCallback cb, TransferRepository.OutMember member) {
        AccountSnapshot account = member.account();
        UUID id = holdId(cb.transferId());
        long available = account.balanceFen() - account.heldFen();
        if (member.activeLoans() > 0) {
            return refuseOut(cb, id, account.memberId(), Refusal.LOAN_OUTSTANDING.name(), LOAN_REASON);
        }
        if (cb.destinationCentreCode().equals(member.ownCentre())) {
            return refuseOut(cb, id, account.memberId(), "DESTINATION_IS_THIS_CENTRE",
                    "The destination is this centre: the account is here already.");
        }
        if (account.status() == AccountStatus.FROZEN || account.status() == AccountStatus.CLOSED) {
            return refuseOut(cb, id, account.memberId(), Refusal.ACCOUNT_NOT_ACTIVE.name(),
                    "The account is " + account.status().name().toLowerCase() + ".");
        }
        if (account.heldFen() > 0) {
            return refuseOut(cb, id, account.memberId(), Refusal.OTHER_WITHDRAWAL_IN_FLIGHT.name(),
                    "A withdrawal of the member is in flight; ask again once it is paid or failed.");
        }
        if (available <= 0) {
            return refuseOut(cb, id, account.memberId(), "NOTHING_TO_TRANSFER", "The account's balance is 0.");
        }
        Uni<Boolean> redisHold = admission.mode() == AdmissionMode.REDIS
                ? holds.place(HoldPlacement.Request.closingWholeBalance(id, available, clock, account))
                : Uni.createFrom().item(false);
        return redisHold
                // A refusal Redis still gives after reconciling rests on holds PostgreSQL does not know yet (an
                // admission in flight): PostgreSQL alone decides, and only its refusal is kept as the answer.
                .onFailure(ApiException.class).recoverWithItem(false)
                .chain(placed -> faults.reach(FaultPoint.TRANSFER_OUT_HELD, account.memberId())
                                .chain(() -> transfers.holdOut(id, cb.transferId(), account.memberId(),
                                        cb.destinationCentreCode(), cb.destinationAccountNo(), available)
                                        // Definitely not written ("not now"): the Redis hold goes back at once.
                                        .onFailure(TransferService::notWrittenForNow)
                                        .call(e -> holds.release(account.memberId(), id).onFailure().recoverWithNull()))
                                .call(() -> faults.reach(FaultPoint.TRANSFER_OUT_COMMITTED, account.memberId()))
                                .call(after -> placed ? holds.settle(id, after).onFailure().recoverWithNull()
                                        : accounts.publish(after).onFailure().recoverWithNull())
                                .chain(after -> transfers.outFor(cb.transferId()))
                                .call(held -> events.out(held.view()))
                                .chain(this::answerNow)
                                .onFailure(TransferRepository.Refused.class).recoverWithUni(e ->
                                        refusedByPostgres(cb, id, account, ((TransferRepository.Refused) e).refusal)));
        // Any other failure (an unknown outcome, a crash after the commit) leaves the Redis hold to the one
        // reconciliation, which asks PostgreSQL whether this hold's row exists.
    }

    /**
     * PostgreSQL refused the hold. A repeat of this very request may have held first: the hold id is shared, so its
     * Redis hold is that attempt's, kept, and the member reconciled; its row answers. Otherwise the Redis hold goes
     * back, the member's Redis copy is brought to PostgreSQL's (it let through what PostgreSQL refused), and the
     * refusal is the answer — except a balance that moved between the read and the hold, which the platform's repeat
     * asks again.
     */
    private Uni<Void> refusedByPostgres(PlatformCallback cb, UUID id, AccountSnapshot account, Refusal refusal) {
        long member = account.memberId();
        return transfers.outFor(cb.transferId()).chain(existing -> {
            Uni<Void> converge = reconciler.reconcile(member).onFailure().recoverWithNull().replaceWithVoid();
            if (existing != null) {
                return converge.chain(() -> answerNow(existing));
            }
            return holds.release(member, id).onFailure().recoverWithNull().chain(() -> converge)
                    .chain(() -> switch (refusal) {
                        case ACCOUNT_NOT_ACTIVE, NOT_ELIGIBLE -> refuseOut(cb, id, member,
                                Refusal.ACCOUNT_NOT_ACTIVE.name(), "The account is frozen or closed.");
                        case OTHER_WITHDRAWAL_IN_FLIGHT -> refuseOut(cb, id, member, refusal.name(),
                                "A withdrawal of the member is in flight; ask again once it is paid or failed.");
                        case LOAN_OUTSTANDING -> refuseOut(cb, id, member, refusal.name(), LOAN_REASON);
                        default -> Uni.createFrom().failure(Refusal.TRANSFER_UNAVAILABLE.error(clock,
                                "The member's balance changed while it was being held; repeat the request."));
                    });
        });
    }

    private Uni<Void> refuseOut(PlatformCallback cb, UUID id, long memberId, String code, String reason) {
        return transfers.refuseOut(id, cb.transferId(), memberId, cb.destinationCentreCode(),
                        cb.destinationAccountNo(), code, reason)
                .chain(() -> transfers.outFor(cb.transferId()))
                .call(t -> events.out(t.view()))
                .chain(this::answerNow);
    }

    /** Answers the platform now; if it cannot be reached, {@link TransferRetry} answers again. */
    private Uni<Void> answerNow(TransferOut t) {
        return answer(t).onFailure().invoke(e -> LOG.infof("Transfer-out %s: answer not delivered now (%s); retried",
                t.view().platformTransferId(), e.toString())).onFailure().recoverWithNull();
    }

    private Uni<Void> postOut(PlatformCallback cb) {
        return outNamedBy(cb).chain(found -> found.status() != TransferOutStatus.HELD ? afterPost(found, false)
                : transfers.postOut(cb.transferId())
                        .call(after -> after == null ? Uni.createFrom().voidItem()
                                : accounts.publish(after).onFailure().recoverWithNull())
                        .chain(after -> outNamedBy(cb).chain(now -> afterPost(now, after != null))));
    }

    /** Where a confirmation finds the transfer: posted (by it or a repeat), not yet, or a contradiction. */
    private Uni<Void> afterPost(TransferOut t, boolean postedNow) {
        return switch (t.status()) {
            case POSTED -> postedNow ? events.out(t.view()) : Uni.createFrom().voidItem();
            case HELD -> Uni.createFrom().failure(notReady("The posting is not written yet."));
            case VOIDED, REFUSED -> {
                LOG.errorf("Transfer-out %s is %s, but the platform confirmed it: nothing was debited",
                        t.view().platformTransferId(), t.status());
                yield Uni.createFrom().failure(contradiction("This transfer is " + t.status()
                        + "; it cannot be posted."));
            }
        };
    }

    private Uni<Void> voidOut(PlatformCallback cb) {
        String code = cb.reasonCode() == null || cb.reasonCode().isBlank() ? "CANCELLED" : cb.reasonCode();
        String reason = cb.reason() == null ? "Cancelled on the platform." : cb.reason();
        return outNamedBy(cb).chain(found -> found.status() != TransferOutStatus.HELD ? afterVoid(found, false)
                : transfers.voidOut(cb.transferId(), code, reason)
                        .call(after -> after == null ? Uni.createFrom().voidItem()
                                : accounts.publish(after).onFailure().recoverWithNull())
                        .chain(after -> outNamedBy(cb).chain(now -> afterVoid(now, after != null))));
    }

    /** Where a cancellation finds the transfer: voided (by it or a repeat), nothing held, or a contradiction. */
    private Uni<Void> afterVoid(TransferOut t, boolean voidedNow) {
        return switch (t.status()) {
            case VOIDED -> voidedNow ? events.out(t.view()) : Uni.createFrom().voidItem();
            case REFUSED -> Uni.createFrom().voidItem();
            case HELD -> Uni.createFrom().failure(notReady("The void is not written yet."));
            case POSTED -> {
                LOG.errorf("Transfer-out %s was POSTED, but the platform cancelled it: an operator must settle it",
                        t.view().platformTransferId());
                yield Uni.createFrom().failure(contradiction("This transfer is posted already; it cannot be voided."));
            }
        };
    }

    /**
     * The transfer a confirmation or cancellation names. Not known yet is "repeat later", not "not found": the
     * platform may cancel while our hold's statement is still being decided, and the hold then needs the repeat.
     */
    private Uni<TransferOut> outNamedBy(PlatformCallback cb) {
        return transfers.outFor(cb.transferId()).onItem().ifNull()
                .failWith(() -> notReady("This centre has no hold for this transfer yet."));
    }

    /** One hold per platform transfer, whichever replica or repeat gets there. */
    static UUID holdId(String platformTransferId) {
        return UUID.nameUUIDFromBytes(("transfer-out:" + platformTransferId).getBytes(StandardCharsets.UTF_8));
    }

    /** The hold's statement was answered with an error or never sent: nothing was written. */
    private static boolean notWrittenForNow(Throwable e) {
        return !(e instanceof OutcomeUnknownException) && !(e instanceof TransferRepository.Refused)
                && (e instanceof ApiException || e instanceof io.vertx.pgclient.PgException);
    }

    private static long requireAmount(PlatformCallback cb) {
        if (cb.amountFen() == null || cb.amountFen() <= 0) {
            throw malformed("amountFen (> 0) is required.");
        }
        return cb.amountFen();
    }

    private static ApiException malformed(String message) {
        return ApiException.badRequest("MALFORMED_CALLBACK", message, null);
    }

    private static ApiException notReady(String message) {
        return ApiException.conflict("TRANSFER_NOT_READY", message + " Repeat the notification later.");
    }

    private static ApiException mismatch(String message) {
        return contradiction(message);
    }

    /** A notification that contradicts what is final here: answered so that the platform does not repeat it. */
    private static ApiException contradiction(String message) {
        return ApiException.unprocessable("TRANSFER_STATE_CONFLICT", message);
    }

    static ApiException notFound() {
        return ApiException.notFound("TRANSFER_NOT_FOUND", "No such transfer.");
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notFound();
        }
    }

    private String body(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
