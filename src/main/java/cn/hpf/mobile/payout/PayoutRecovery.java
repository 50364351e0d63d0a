package cn.hpf.mobile.payout;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Every withdrawal ends PAID or FAILED, crashes included. On start and periodically, only expired leases of any
 * replica are released (a live lease may belong to a claim that just committed: a replica's identity is unique per
 * process, so no replica mistakes another's lease for its own), and an open withdrawal that somehow lost its
 * outbox row gets one back. PAYING rows then resume by asking the bank (see {@link PayoutDispatcher}). A replica
 * that stops cleanly hands its leases back itself; one that crashed loses them when they expire.
 */
@ApplicationScoped
public class PayoutRecovery {

    private static final Logger LOG = Logger.getLogger(PayoutRecovery.class);

    private final PayoutRepository payouts;
    private final PayoutDispatcher dispatcher;

    public PayoutRecovery(PayoutRepository payouts, PayoutDispatcher dispatcher) {
        this.payouts = payouts;
        this.dispatcher = dispatcher;
    }

    void onStart(@Observes StartupEvent event) {
        recover().onTermination().invoke(dispatcher::beginClaiming).subscribe().with(n -> { },
                e -> LOG.errorf(e, "Payout recovery at start failed; leases expire and the periodic run retries"));
    }

    @Scheduled(every = "${hpf.payout.recovery-interval:30s}", delayed = "${hpf.payout.recovery-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodic() {
        return recover().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Periodic payout recovery failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Releases expired leases, restores missing outbox rows and wakes the dispatcher; the number of rows touched. */
    public Uni<Integer> recover() {
        return payouts.releaseExpiredLeases()
                .chain(released -> payouts.restoreOutbox().map(restored -> {
                    if (released + restored > 0) {
                        LOG.infof("Payout recovery: %d lease(s) released, %d outbox row(s) restored", released, restored);
                    }
                    dispatcher.wake();
                    return released + restored;
                }));
    }
}
