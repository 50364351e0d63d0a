package cn.hpf.mobile.payout;

import io.quarkus.arc.ClientProxy;
import java.time.Duration;

/**
 * A replica's payout dispatcher stopped and started again inside one running application, as a rolling restart
 * does it: shutdown (claim nothing more, let payouts in flight finish for a while, hand the other leases back),
 * then the start-up recovery pass and claiming again. For tests outside this package (the adversary simulation).
 */
public final class DispatcherRestart {

    private DispatcherRestart() {
    }

    /** Stops and starts {@code dispatcher}; blocks (a test thread, never an event loop). */
    public static void restart(PayoutDispatcher dispatcher, PayoutRecovery recovery) {
        PayoutDispatcher d = ClientProxy.unwrap(dispatcher);
        d.onStop(null);
        recovery.recover().await().atMost(Duration.ofSeconds(30));
        d.beginClaiming();
    }

    /** Claiming, whatever an interrupted restart left behind. */
    public static void claiming(PayoutDispatcher dispatcher) {
        ClientProxy.unwrap(dispatcher).beginClaiming();
    }
}
