package cn.hpf.mobile.withdrawal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hpf.admission")
public interface AdmissionConfig {

    /** redis: hold and budget in Redis, then one PostgreSQL statement; postgres: PostgreSQL only (benchmark baseline). */
    @WithDefault("redis")
    AdmissionMode mode();

    /** The centre's daily payout budget (Asia/Shanghai day); 20 M CNY, several times the record day. */
    @WithDefault("2000000000")
    long dailyBudgetFen();

    /** Redis keys the daily budget is sharded over (each its own cluster slot); each holds budget / shards. */
    @WithDefault("8")
    int budgetShards();

    /** Largest amount a request may name; beyond it the request is malformed (400). 100 M CNY. */
    @WithDefault("10000000000")
    long maxAmountFen();

    /** A Redis hold older than this with no PostgreSQL row is an orphan (crash between the two steps). */
    @WithDefault("PT60S")
    Duration holdGrace();

    /**
     * Longest wait for the admission's PostgreSQL statement (redis mode). Must stay well below {@link #holdGrace()}:
     * the hold index is stamped right before the write, so recovery never judges a write that may still commit.
     * Past it the outcome is unknown: the hold stays for recovery and the client gets 503 with Retry-After.
     */
    @WithDefault("PT20S")
    Duration writeTimeout();

    /** Shards of the Redis index of open holds that recovery scans. */
    @WithDefault("16")
    int holdIndexShards();

    /** How often recovery looks for orphan holds and missing budget counters (also read by its @Scheduled). */
    @WithDefault("15s")
    String recoveryEvery();

    /** How long category rules stay cached in memory. */
    @WithDefault("PT5S")
    Duration categoryRefresh();
}
