package cn.hpf.mobile.common.db;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * One connection of its own, to the same servers as the request pool, for the polls that keep every replica's view
 * of shared switches fresh (signed-out sessions). They must never queue behind requests' statements: a saturated
 * request pool would otherwise make the view stale and refuse every signed-in member at once.
 */
@ApplicationScoped
public class ControlPool {

    private volatile List<SqlConnectOptions> servers;
    private volatile Vertx vertx;
    private volatile Pool pool;

    /** Called by the request pool's creator with what it connects to. */
    void connectTo(List<SqlConnectOptions> servers, Vertx vertx) {
        this.servers = List.copyOf(servers);
        this.vertx = vertx;
    }

    /** The control connection, or {@code fallback} (the request pool) when no pool was ever created here. */
    public Pool pool(Pool fallback) {
        Pool p = pool;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (pool == null && servers != null) {
                pool = Pool.newInstance(PgBuilder.pool()
                        .with(new PoolOptions().setMaxSize(1).setMaxWaitQueueSize(8).setName("hpf-control"))
                        .connectingTo(servers).using(vertx).build());
            }
            return pool == null ? fallback : pool;
        }
    }
}
