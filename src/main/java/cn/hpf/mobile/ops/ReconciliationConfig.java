package cn.hpf.mobile.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hpf.reconciliation")
public interface ReconciliationConfig {

    /** A withdrawal still ACCEPTED or PAYING this long after admission is reported as stuck. */
    @WithDefault("PT5M")
    Duration stuckAfter();

    /**
     * A transfer between cities still open this long is reported as stuck (REQUESTED or CONFIRMED in, HELD out): the
     * platform takes days, not the seconds of a payout.
     */
    @WithDefault("P7D")
    Duration transferStuckAfter();

    /** At most this many mismatches of each kind are listed (totals always cover everything). */
    @WithDefault("200")
    int maxPerKind();

    /** Redis account hashes read per batch while comparing them with PostgreSQL. */
    @WithDefault("500")
    int redisBatch();
}
