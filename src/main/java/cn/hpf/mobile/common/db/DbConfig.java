package cn.hpf.mobile.common.db;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** PostgreSQL: where it is, and how the request pool waits and how long a statement may run. */
@ConfigMapping(prefix = "hpf.db")
public interface DbConfig {

    @WithDefault("127.0.0.1")
    String host();

    @WithDefault("5432")
    int port();

    @WithDefault("hpf")
    String name();

    /**
     * Requests waiting for a connection of the request pool; beyond it a request fails at once (503 SERVICE_BUSY
     * with Retry-After) instead of queueing into a timeout. The pool's size is quarkus.datasource.reactive.max-size.
     */
    @WithName("max-wait-queue-size")
    @WithDefault("2048")
    int maxWaitQueueSize();

    /**
     * Longest wait for a pooled connection; then the request fails with 503 SERVICE_BUSY. A money statement that
     * never got a connection was never sent: a definite "not written".
     */
    @WithName("connection-timeout")
    @WithDefault("PT2S")
    Duration connectionTimeout();

    /**
     * PostgreSQL's statement_timeout on every connection of the request pool: the server aborts a statement that
     * runs longer, so a money statement whose answer the client stopped waiting for is decided (committed or not)
     * within this time. Rare long queries (reconciliation) raise it for their own transaction.
     */
    @WithName("statement-timeout")
    @WithDefault("PT5S")
    Duration statementTimeout();

    /**
     * Longest wait for a read through the request pool (a SELECT sent with {@code pool.preparedQuery}, the wait for
     * a connection included); then 503 SERVICE_BUSY, nothing done. A read changes nothing, so giving up on it is
     * safe: a stalled PostgreSQL costs a request this long, not the whole stall. Transactions and the money writes
     * are bounded by their own rules ({@link BoundedWrites}, {@link LongQueries}).
     */
    @WithName("read-timeout")
    @WithDefault("PT3S")
    Duration readTimeout();

    /** The long queries' own limit (reconciliation over the whole ledger). */
    @WithName("long-statement-timeout")
    @WithDefault("PT5M")
    Duration longStatementTimeout();

    StatementCache statementCache();

    interface StatementCache {

        /** Prepared statements kept per connection. */
        @WithDefault("256")
        int maxSize();

        /** Longest statement text kept prepared (the money statements are CTEs of several KB). */
        @WithDefault("16384")
        int sqlLimit();
    }
}
