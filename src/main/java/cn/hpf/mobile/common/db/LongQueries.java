package cn.hpf.mobile.common.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The few queries that may legitimately run longer than hpf.db.statement-timeout (reconciliation over the whole
 * ledger): each in a transaction of its own that raises the limit for itself only. Operators' pace, never a request's.
 */
@ApplicationScoped
public class LongQueries {

    private final DbConfig config;

    public LongQueries(DbConfig config) {
        this.config = config;
    }

    public Uni<RowSet<Row>> run(Pool db, String sql, Tuple args) {
        String limit = "SET LOCAL statement_timeout = " + config.longStatementTimeout().toMillis();
        return db.withTransaction(connection -> connection.query(limit).execute()
                .chain(() -> connection.preparedQuery(sql).execute(args)));
    }
}
