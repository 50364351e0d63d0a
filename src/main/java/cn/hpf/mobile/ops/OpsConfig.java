package cn.hpf.mobile.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hpf.ops")
/** The operators' console: cluster switches and statistics. */
public interface OpsConfig {

    /**
     * How often each replica reads the cluster switches from PostgreSQL: a pause or resume reaches every replica's
     * admissions within this plus one query. Payout claims read the row in their own statement and never lag.
     */
    @WithDefault("PT1S")
    Duration switchPoll();

    /** The Retry-After of 503 ADMISSIONS_PAUSED: a pause is an operator's decision, not a blip of seconds. */
    @WithDefault("PT30S")
    Duration pausedRetryAfter();

    /** How often each replica adds the admissions it refused to refusal_count (what a crash may lose). */
    @WithDefault("PT5S")
    Duration refusalFlush();

    /** How often GET /v1/ops/stats/live sends the current figures (one PostgreSQL read per event and client). */
    @WithDefault("PT2S")
    Duration liveEvery();

    /**
     * A payout sent to the bank without a PAID or a refusal for this long is listed in GET /v1/ops/payouts/unknown.
     * A payout normally settles in about a second; the dispatcher keeps asking with backoff meanwhile.
     */
    @WithDefault("PT1M")
    Duration unknownPayoutAfter();
}
