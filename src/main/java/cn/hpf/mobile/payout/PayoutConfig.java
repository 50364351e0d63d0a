package cn.hpf.mobile.payout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hpf.payout")
public interface PayoutConfig {

    /**
     * Bank calls in flight at once on this replica. Calls are non-blocking, so the bound is the bank's, not ours:
     * throughput is at most max-in-flight ÷ bank latency (256 ÷ 100 ms ≈ 2,500 payouts/s), and 32 capped a 100 ms
     * bank at 320/s, which queued peak-day admissions for seconds (bin/bench, 2026-11-25).
     */
    @WithDefault("256")
    int maxInFlight();

    /** Outbox rows claimed per round trip (never more than the free in-flight slots). */
    @WithDefault("64")
    int batchSize();

    /** How long a claimed outbox row is ours; a crashed replica's rows are reclaimed after it expires. */
    @WithDefault("PT30S")
    Duration lease();

    /** A bank call without an answer after this counts as an unknown outcome (asked about later). */
    @WithDefault("PT10S")
    Duration bankCallTimeout();

    /** Backoff between queries about an unknown outcome: initial × 2^(attempt−1), capped at the max. */
    @WithDefault("PT0.25S")
    Duration queryBackoffInitial();

    @WithDefault("PT30S")
    Duration queryBackoffMax();

    /** The poll that catches what no event announced (other replicas, retries due). */
    @WithDefault("1s")
    String pollInterval();

    /** Periodic recovery: expired leases, open withdrawals that lost their outbox row. */
    @WithDefault("30s")
    String recoveryInterval();

    /** At shutdown, how long payouts in flight may take to finish before the rest of the leases are handed back. */
    @WithDefault("PT5S")
    Duration drainOnShutdown();

    /** Heartbeat on withdrawal event streams; each heartbeat also re-reads the state from PostgreSQL. */
    @WithDefault("PT15S")
    Duration sseHeartbeat();

    /** Most payouts the bank confirmed that one statement and commit settle together (see docs/ledger.md). */
    @WithDefault("32")
    int settleBatchItems();
}
