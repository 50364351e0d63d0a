package cn.hpf.mobile.common.backpressure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Bounds on the requests in flight per route group; beyond them the API answers 503 SERVICE_BUSY at once.
 * Sized by Little's law (in flight = throughput × latency) at the targets on a 2-core box, with
 * headroom, and below the pools' wait queues so that a full group sheds load before a pool does:
 * see docs/performance.md.
 */
@ConfigMapping(prefix = "hpf.backpressure")
public interface BackpressureConfig {

    /** Off only to measure what the guard costs; production keeps it on. */
    @WithDefault("true")
    boolean enabled();

    /** Sent as Retry-After on a 503 SERVICE_BUSY. */
    @WithName("retry-after-seconds")
    @WithDefault("1")
    int retryAfterSeconds();

    /** GETs under /v1 (account, statements, loans, withdrawals): ~15,000/s × 20 ms p99 ≈ 300, ×3 headroom. */
    @WithDefault("1024")
    int reads();

    /** POST/PUT/DELETE under /v1 and /sandbox (withdrawals, face verifications, prepayments, callbacks). */
    @WithDefault("512")
    int writes();

    /** Logins: PBKDF2 on the worker pool costs CPU milliseconds each; more in flight only queues. */
    @WithDefault("64")
    int login();

    /** Public calculator: pure CPU, answered from cache headers mostly. */
    @WithDefault("512")
    int calculator();

    /** Operator routes (reconciliation scans PostgreSQL): few and heavy. */
    @WithDefault("16")
    int operations();

    /** Server-Sent Event streams are long-lived and hold a slot for their whole life, so they have their own. */
    @WithDefault("2048")
    int streams();
}
