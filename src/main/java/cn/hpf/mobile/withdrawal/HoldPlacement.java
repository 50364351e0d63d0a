package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountService;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.common.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Places a hold on the member's Redis copy before PostgreSQL is asked, for every debit that holds money (a
 * withdrawal's admission, a transfer to another city): the one Redis hold path. A cold copy is filled from the
 * account the caller read (version-guarded, never over a newer copy) and tried once more; a refusal is checked
 * against PostgreSQL once (the member's Redis state reconciled) before it is answered — also "another attempt with
 * this key is in flight", whose hold may belong to an attempt PostgreSQL has decided. Redis failing is no refusal:
 * the debit goes on on PostgreSQL alone, whose guards are complete.
 */
@ApplicationScoped
public class HoldPlacement {

    private static final Logger LOG = Logger.getLogger(HoldPlacement.class);

    /**
     * One hold: {@code holdId} is the debit's id (PostgreSQL's row id, so that reconciliation can tell whether it
     * committed), {@code account} the copy to fill a cold cache with.
     */
    public record Request(long memberId, UUID holdId, long amountFen, long atMillis, boolean wholeBalance,
                          boolean closesAccount, CategoryCap cap, String keyFingerprint, AccountSnapshot account) {

        /** A debit of the whole available balance that closes the account (a transfer to another city). */
        public static Request closingWholeBalance(UUID holdId, long amountFen, Clock clock, AccountSnapshot account) {
            return new Request(account.memberId(), holdId, amountFen, clock.millis(), true, true, CategoryCap.NONE,
                    "", account);
        }
    }

    private final MemberHolds holds;
    private final MemberReconciler reconciler;
    private final AccountService accounts;
    private final Clock clock;

    public HoldPlacement(MemberHolds holds, MemberReconciler reconciler, AccountService accounts, Clock clock) {
        this.holds = holds;
        this.reconciler = reconciler;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** True when placed, false when Redis failed; a refusal fails with the member's answer. */
    public Uni<Boolean> place(Request r) {
        return place(r, true, true);
    }

    private Uni<Boolean> place(Request r, boolean mayFill, boolean mayReconcile) {
        return holds.hold(r)
                .chain(placed -> switch (placed) {
                    case OK -> Uni.createFrom().item(true);
                    case MISS -> mayFill ? accounts.publish(r.account()).chain(() -> place(r, false, mayReconcile))
                            : Uni.createFrom().item(false);
                })
                .onFailure(MemberHolds.Refused.class).recoverWithUni(e -> {
                    Refusal refusal = Refusal.valueOf(((MemberHolds.Refused) e).code);
                    if (!mayReconcile) {
                        return Uni.createFrom().failure(refusal.error(clock));
                    }
                    return reconciler.reconcile(r.memberId()).chain(() -> place(r, mayFill, false));
                })
                .onFailure(AdmissionService::redisDown).recoverWithItem(e -> {
                    LOG.warnf("Redis failed placing hold %s (%s): going on on PostgreSQL alone", r.holdId(),
                            e.toString());
                    return false;
                });
    }

    /** Gives a hold back (PostgreSQL refused it or never got it). */
    public Uni<Boolean> release(long memberId, UUID holdId) {
        return holds.release(memberId, holdId);
    }

    /** PostgreSQL committed the hold's statement: the pending hold becomes its snapshot, atomically. */
    public Uni<Boolean> settle(UUID holdId, AccountSnapshot snapshot) {
        return holds.settle(holdId, snapshot);
    }
}
