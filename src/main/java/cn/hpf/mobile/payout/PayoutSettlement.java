package cn.hpf.mobile.payout;

import cn.hpf.mobile.account.AccountService;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.faults.FaultPoint;
import cn.hpf.mobile.common.faults.FaultPoints;
import cn.hpf.mobile.withdrawal.AdmissionLimits;
import cn.hpf.mobile.withdrawal.WithdrawalStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies what the bank said: post the hold (paid), void it (definitively rejected), or ask again later
 * (unknown). Redis hears about every PostgreSQL write afterwards, best effort: a publish that fails or that Redis
 * loses later leaves a copy that expires within hpf.redis.account-ttl, and budget counters are repaired by
 * {@code HoldRecovery}, since PostgreSQL is the truth.
 */
@ApplicationScoped
public class PayoutSettlement {

    private static final Logger LOG = Logger.getLogger(PayoutSettlement.class);

    private final PayoutRepository payouts;
    private final AccountService accounts;
    private final AdmissionLimits limits;
    private final PayoutMetrics metrics;
    private final FaultPoints faults;

    public PayoutSettlement(PayoutRepository payouts, AccountService accounts, AdmissionLimits limits,
                            PayoutMetrics metrics, FaultPoints faults) {
        this.payouts = payouts;
        this.accounts = accounts;
        this.limits = limits;
        this.metrics = metrics;
        this.faults = faults;
    }

    /** True when the withdrawal is finished (or already was); false when it must be asked about again. */
    Uni<Boolean> apply(UUID withdrawalId, BankResult result) {
        if (result instanceof BankResult.Paid paid) {
            return payouts.markPaid(withdrawalId, paid.bankReference()).chain(p -> {
                if (p == null) {
                    return payouts.status(withdrawalId).invoke(status -> {
                        if (WithdrawalStatus.FAILED.name().equals(status)) {
                            // Cannot happen with an idempotent bank; if it does, reconciliation lists it too.
                            LOG.errorf("The bank reports %s PAID (%s) but it is FAILED here: investigate",
                                    withdrawalId, paid.bankReference());
                        }
                    }).chain(status -> payouts.dropIfFinished(withdrawalId));
                }
                metrics.paid(p.acceptedToPaid());
                return publish(p.account());
            }).replaceWith(true);
        }
        if (result instanceof BankResult.Rejected rejected) {
            return payouts.markFailed(withdrawalId, rejected.code(), rejected.reason()).chain(f -> {
                if (f == null) {
                    return payouts.dropIfFinished(withdrawalId);
                }
                metrics.failed();
                // The face verification stays consumed: a failed payout does not give it back.
                return limits.giveBack(withdrawalId, f.account().memberId(), f.category(), f.amountFen(),
                                f.budgetDay(), f.budgetShard())
                        .onFailure().invoke(e -> LOG.errorf(e, "Could not give back the limits of %s", withdrawalId))
                        .onFailure().recoverWithNull()
                        .chain(() -> publish(f.account()));
            }).replaceWith(true);
        }
        metrics.unknown();
        return Uni.createFrom().item(false);
    }

    /** A bank return after PAID: a reversing entry. Idempotent: a repeat on a RETURNED withdrawal changes nothing. */
    public Uni<String> applyReturn(UUID withdrawalId, String reason) {
        return payouts.markReturned(withdrawalId, reason).chain(account -> account == null
                ? payouts.status(withdrawalId).map(status -> {
                    if (status == null) {
                        throw WithdrawalEventsResource.notFound(withdrawalId);
                    }
                    if (!WithdrawalStatus.RETURNED.name().equals(status)) {
                        throw ApiException.conflict("WITHDRAWAL_NOT_PAID",
                                "Only a PAID withdrawal can be returned; this one is " + status + ".");
                    }
                    return status;
                })
                : publish(account).replaceWith(WithdrawalStatus.RETURNED.name()));
    }

    private Uni<Void> publish(AccountSnapshot account) {
        return faults.reach(FaultPoint.PAYOUT_RECORDED, account.memberId()).onFailure().recoverWithNull()
                .chain(() -> accounts.publish(account))
                .onFailure().invoke(e -> LOG.warnf(e, "Redis did not take account %d v%d; readers will refill",
                        account.memberId(), account.version()))
                .onFailure().recoverWithNull();
    }
}
