package cn.hpf.mobile.common.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The request pool: every statement prepared once per connection and kept, a bounded wait for a connection, and
 * a server-side statement_timeout on every connection.
 *
 * <p>Quarkus leaves the client's statement cache off, and Vert.x caches only statements up to 2,048 characters.
 * Our money writes are single CTE statements of 3–5 KB, so without this PostgreSQL parsed and planned the
 * admission statement on every request, the largest single cost of an admission (docs/performance.md). Kept per
 * connection, a statement is planned a few times and then runs on PostgreSQL's cached generic plan.
 *
 * <p>Quarkus has no setting for the pool's wait queue or connection timeout, so they are set here from
 * {@link DbConfig}; statement_timeout travels in the connection's start-up parameters, so it costs no round trip.
 */
@ApplicationScoped
public class StatementCachingPoolCreator implements PgPoolCreator {

    private final DbConfig config;
    private final ControlPool control;

    public StatementCachingPoolCreator(DbConfig config, ControlPool control) {
        this.config = config;
        this.control = control;
    }

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            servers.add(new PgConnectOptions(options)
                    .setCachePreparedStatements(true)
                    .setPreparedStatementCacheMaxSize(config.statementCache().maxSize())
                    .setPreparedStatementCacheSqlLimit(config.statementCache().sqlLimit())
                    .addProperty("statement_timeout", Long.toString(config.statementTimeout().toMillis())));
        }
        control.connectTo(servers, input.vertx());
        return PgBuilder.pool().with(poolOptions(input.poolOptions(), config)).connectingTo(servers)
                .using(input.vertx()).build();
    }

    static PoolOptions poolOptions(PoolOptions fromQuarkus, DbConfig config) {
        return new PoolOptions(fromQuarkus)
                .setMaxWaitQueueSize(config.maxWaitQueueSize())
                .setConnectionTimeout((int) config.connectionTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    }
}
