package cn.hpf.mobile.common.db;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request pool, with every statement prepared once per connection and kept.
 *
 * <p>Quarkus leaves the client's statement cache off, and Vert.x caches only statements up to 2,048 characters.
 * Our money writes are single CTE statements of 3–4 KB, so without this PostgreSQL parsed and planned the
 * admission statement on every request: 0.7 ms of planning for 0.6 ms of execution, the largest single cost of
 * an admission (pg_stat_statements, bin/bench 2026-11-25). Kept per connection, a statement is planned a few
 * times and then runs on PostgreSQL's cached generic plan.
 */
@ApplicationScoped
public class StatementCachingPoolCreator implements PgPoolCreator {

    private final int cacheMaxSize;
    private final int cacheSqlLimit;

    public StatementCachingPoolCreator(
            @ConfigProperty(name = "hpf.db.statement-cache.max-size", defaultValue = "256") int cacheMaxSize,
            @ConfigProperty(name = "hpf.db.statement-cache.sql-limit", defaultValue = "16384") int cacheSqlLimit) {
        this.cacheMaxSize = cacheMaxSize;
        this.cacheSqlLimit = cacheSqlLimit;
    }

    @Override
    public Pool create(Input input) {
        List<SqlConnectOptions> servers = new ArrayList<>();
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            servers.add(new PgConnectOptions(options)
                    .setCachePreparedStatements(true)
                    .setPreparedStatementCacheMaxSize(cacheMaxSize)
                    .setPreparedStatementCacheSqlLimit(cacheSqlLimit));
        }
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(servers).using(input.vertx()).build();
    }
}
