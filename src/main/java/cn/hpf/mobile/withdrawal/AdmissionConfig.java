package cn.hpf.mobile.withdrawal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "hpf.admission")
public interface AdmissionConfig {

    /** redis: budget and hold in Redis, then one PostgreSQL statement; postgres: PostgreSQL only (benchmark baseline). */
    @WithDefault("redis")
    AdmissionMode mode();

    /** The centre's daily payout budget (Asia/Shanghai day); 20 M CNY, several times the record day. */
    @WithDefault("2000000000")
    long dailyBudgetFen();

    /** Shards of the daily budget (a Redis key and a PostgreSQL row each); each holds budget / shards. */
    @WithDefault("8")
    int budgetShards();

    /** Largest amount a request may name; beyond it the request is malformed (400). 100 M CNY. */
    @WithDefault("10000000000")
    long maxAmountFen();

    /**
     * How long the admission waits for its PostgreSQL statement once sent. Past it the outcome is unknown until
     * write-timeout + hpf.db.statement-timeout (+ 1 s): the statement refuses to start after write-timeout and the
     * server aborts it after statement-timeout. The client gets 503 with Retry-After and the Idempotency-Key stays
     * busy until then. Keep it a little above hpf.db.statement-timeout, so that the server usually decides first.
     */
    @WithDefault("PT6S")
    Duration writeTimeout();

    /**
     * A Redis hold or budget reservation older than this whose withdrawal PostgreSQL does not have can never be
     * committed any more and is given back. Must exceed hpf.db.connection-timeout (the wait before the statement is
     * sent) + write-timeout + hpf.db.statement-timeout, with a margin (checked at start).
     */
    @WithDefault("PT20S")
    Duration holdGrace();

    /** How often Redis is reconciled with PostgreSQL (budget shards, members with old holds). */
    @WithDefault("10s")
    String recoveryEvery();

    /** How long category rules stay cached in memory. */
    @WithDefault("PT5S")
    Duration categoryRefresh();

    /** How admissions share PostgreSQL statements (see docs/ledger.md). */
    Batch batch();

    interface Batch {

        /**
         * Most admissions in one statement and commit. At most {@link cn.hpf.mobile.common.db.BatchedStatement#MAX_ITEMS}:
         * each item is a subtransaction, and PostgreSQL keeps only so many of a transaction's in shared memory.
         */
        @WithDefault("32")
        int maxItems();

        /**
         * Batches in flight at once per replica: a call that finds fewer running goes at once; others wait for the
         * next batch. Two keep a batch filling while the other runs, without batches queueing on each other's rows.
         */
        @WithDefault("2")
        int maxInFlight();
    }
}
