package cn.hpf.mobile.common.db;

import cn.hpf.mobile.common.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedQuery;
import io.vertx.mutiny.sqlclient.Query;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The request pool as the repositories get it: every read sent on the pool itself ({@code db.preparedQuery(sql)}
 * or {@code db.query(sql)} with a SELECT) answers within {@code hpf.db.read-timeout} or fails with 503
 * SERVICE_BUSY, nothing done. The reactive client has no query timeout of its own, and a stalled PostgreSQL (the
 * connection open, no byte moving) would otherwise hold the request for the whole stall.
 *
 * <p>Only reads: a write given up on may still commit, so writes keep their own rules ({@link BoundedWrites}; the
 * rest meet the request deadline, common/http/RequestDeadline). Transactions ({@code withTransaction},
 * {@code getConnection}) pass through untouched, {@link LongQueries} among them. The read itself is not cancelled
 * (the client cannot): its connection stays checked out until PostgreSQL answers, and requests waiting for a
 * connection meanwhile are bounded by {@code hpf.db.connection-timeout}.
 */
public class ReadDeadlines {

    private static final Logger LOG = Logger.getLogger(ReadDeadlines.class);
    /** A statement that writes, wherever it sits in a WITH. */
    private static final Pattern WRITES = Pattern.compile("\\b(INSERT|UPDATE|DELETE|MERGE|COPY|CALL|LOCK)\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * Marks a SELECT that writes through a function it calls (a batched statement): its text cannot tell, and a
     * write given up on is no "nothing done".
     */
    public static final String WRITES_THROUGH_A_FUNCTION = "/* writes */";

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Pool requestPool(io.vertx.sqlclient.Pool pool, DbConfig config, MeterRegistry registry) {
        Counter exceeded = Counter.builder("hpf.deadline.exceeded").tag("where", "db_read")
                .description("Operations given up on at their client-side deadline").register(registry);
        return new BoundedPool(pool, config.readTimeout(), exceeded);
    }

    /** A SELECT, or a WITH whose steps only select: a statement that changes nothing. */
    static boolean isRead(String sql) {
        String head = sql.stripLeading();
        int end = 0;
        while (end < head.length() && Character.isLetter(head.charAt(end))) {
            end++;
        }
        String first = head.substring(0, end).toUpperCase(Locale.ROOT);
        return (first.equals("SELECT") || first.equals("WITH")) && !WRITES.matcher(head).find()
                && !head.contains(WRITES_THROUGH_A_FUNCTION);
    }

    private static final class BoundedPool extends Pool {

        private final Duration timeout;
        private final Counter exceeded;

        BoundedPool(io.vertx.sqlclient.Pool delegate, Duration timeout, Counter exceeded) {
            super(delegate);
            this.timeout = timeout;
            this.exceeded = exceeded;
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
            PreparedQuery<RowSet<Row>> query = super.preparedQuery(sql);
            return isRead(sql) ? new BoundedPreparedQuery(query, this) : query;
        }

        @Override
        public Query<RowSet<Row>> query(String sql) {
            Query<RowSet<Row>> query = super.query(sql);
            return isRead(sql) ? new BoundedQuery(query, this) : query;
        }

        <T> Uni<T> bounded(Uni<T> read) {
            return read.ifNoItem().after(timeout).failWith(() -> {
                exceeded.increment();
                LOG.debugf("A PostgreSQL read had no answer within %s", timeout);
                return ApiException.unavailable("SERVICE_BUSY",
                        "The service is saturated; nothing was done, retry shortly.", 1);
            });
        }
    }

    private static final class BoundedPreparedQuery extends PreparedQuery<RowSet<Row>> {

        private final BoundedPool pool;

        BoundedPreparedQuery(PreparedQuery<RowSet<Row>> query, BoundedPool pool) {
            super(query.getDelegate(), query.__typeArg_0);
            this.pool = pool;
        }

        @Override
        public Uni<RowSet<Row>> execute(Tuple tuple) {
            return pool.bounded(super.execute(tuple));
        }

        @Override
        public Uni<RowSet<Row>> execute() {
            return pool.bounded(super.execute());
        }
    }

    private static final class BoundedQuery extends Query<RowSet<Row>> {

        private final BoundedPool pool;

        BoundedQuery(Query<RowSet<Row>> query, BoundedPool pool) {
            super(query.getDelegate(), query.__typeArg_0);
            this.pool = pool;
        }

        @Override
        public Uni<RowSet<Row>> execute() {
            return pool.bounded(super.execute());
        }
    }
}
