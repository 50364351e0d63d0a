package cn.hpf.mobile.common.db;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.OutcomeUnknownException;
import cn.hpf.mobile.common.Refusal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs a money statement so that its outcome is always decided within a known time: written (rows), definitely
 * not written (PostgreSQL answered with an error, or the statement never got a connection), or unknown until a
 * stated instant ({@link OutcomeUnknownException}). An error that only says "not now" (a deadlock, a lock or
 * statement timeout, a serialization failure: the statement rolled back) is the caller's 503 refusal.
 *
 * <p>The bound comes from two guards. The statement carries a {@code #{deadline}} and refuses to start after it
 * (a request delayed in the network cannot arrive late and commit), and the server's statement_timeout aborts it
 * if it runs longer than that (a lock wait included). So whatever the client saw, the server has decided by
 * deadline + statement_timeout; the deadline is PostgreSQL's clock against real time, not the application clock.
 */
@ApplicationScoped
public class BoundedWrites {

    private static final Logger LOG = Logger.getLogger(BoundedWrites.class);
    /** Commit after the statement, and clock skew between the application's host and PostgreSQL's. */
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final DbConfig config;

    public BoundedWrites(DbConfig config) {
        this.config = config;
    }

    /**
     * Executes {@code sql} (which must use {@code #{deadline}} as its start guard, see {@link #DEADLINE}) and waits
     * at most {@code clientWait} for the answer. {@code unavailable}: the 503 refusal for "not now", whose code the
     * unknown outcome carries too.
     */
    public Uni<RowSet<Row>> execute(Pool db, NamedSql sql, NamedSql.Binding binding, Duration clientWait,
                                    Refusal unavailable, String unknownMessage) {
        return send(db, sql, binding, () -> Instant.now().plus(clientWait), unavailable, unknownMessage);
    }

    /**
     * As {@link #execute}, with the deadline fixed beforehand (a batch: its oldest call's arrival plus the wait it was
     * promised), so that time spent queueing for the batch or for a connection counts against it. Past the deadline
     * nothing is sent: 503 {@code unavailable}, definitely not written.
     */
    public Uni<RowSet<Row>> executeBy(Pool db, NamedSql sql, NamedSql.Binding binding, Instant deadline,
                                      Refusal unavailable, String unknownMessage) {
        return send(db, sql, binding, () -> deadline, unavailable, unknownMessage);
    }

    private Uni<RowSet<Row>> send(Pool db, NamedSql sql, NamedSql.Binding binding,
                                  java.util.function.Supplier<Instant> deadlineOnceConnected,
                                  Refusal unavailable, String unknownMessage) {
        return db.getConnection()
                .onFailure().transform(BoundedWrites::notSent)
                .chain(connection -> {
                    Instant deadline = deadlineOnceConnected.get();
                    Duration clientWait = Duration.between(Instant.now(), deadline);
                    if (clientWait.isNegative() || clientWait.isZero()) {
                        return connection.close().onFailure().recoverWithNull()
                                .chain(() -> Uni.createFrom().failure(unavailable.error()));
                    }
                    binding.set(DEADLINE, OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC));
                    Instant knownAt = deadline.plus(config.statementTimeout()).plus(MARGIN);
                    // The statement runs to its end on its own subscription: a client that stops waiting must not
                    // hand back a connection that still carries it.
                    CompletableFuture<RowSet<Row>> answer = new CompletableFuture<>();
                    connection.preparedQuery(sql.sql()).execute(binding.tuple())
                            .onTermination().call(() -> connection.close().onFailure().recoverWithNull())
                            .subscribe().with(answer::complete, answer::completeExceptionally);
                    return Uni.createFrom().completionStage(() -> answer)
                            .ifNoItem().after(clientWait).failWith(TimeoutException::new)
                            .onFailure(e -> !(e instanceof PgException)).transform(e -> {
                                LOG.warnf("A money statement has an unknown outcome until %s (%s)", knownAt, e);
                                return new OutcomeUnknownException(unavailable.name(), unknownMessage, knownAt);
                            })
                            .onFailure(BoundedWrites::rolledBackForNow).transform(e -> {
                                LOG.infof("A money statement rolled back, retry later: %s", e.getMessage());
                                return unavailable.error();
                            });
                });
    }

    /** The parameter every bounded statement starts with: {@code WHERE clock_timestamp() < #{deadline}}. */
    public static final String DEADLINE = "deadline";

    /** The statement's start guard, for the first CTE every other step depends on. */
    public static final String START_GUARD = "clock_timestamp() < #{" + DEADLINE + "}::timestamptz";

    /** SQLSTATEs of a statement PostgreSQL rolled back for reasons of the moment, not of its content. */
    private static final java.util.Set<String> FOR_NOW = java.util.Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available
            "57014"); // query_canceled: statement_timeout

    /** Also as Hibernate Reactive hands it on: a JDBC exception carrying the server's SQLSTATE. */
    public static boolean rolledBackForNow(Throwable e) {
        String state = e instanceof PgException pg ? pg.getSqlState()
                : e instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
        return state != null && FOR_NOW.contains(state);
    }

    /** No connection within hpf.db.connection-timeout, or the wait queue was full: nothing was sent. */
    private static Throwable notSent(Throwable e) {
        LOG.debugf("No PostgreSQL connection for a money statement: %s", e.toString());
        return ApiException.unavailable("SERVICE_BUSY", "The service is saturated; nothing was done, retry shortly.", 1);
    }
}
