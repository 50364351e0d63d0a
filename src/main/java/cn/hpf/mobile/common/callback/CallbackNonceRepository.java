package cn.hpf.mobile.common.callback;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * Callback nonces already used, in PostgreSQL so that no cache flush can reopen a replay. Each sender has its own
 * table ({@code nonce TEXT PRIMARY KEY, received_at TIMESTAMPTZ}), so that one sender's nonces can never collide
 * with, or be pruned by the retention of, another's.
 */
public class CallbackNonceRepository {

    /** The nonce tables; a closed list, since the name is part of the statement text. */
    public enum Table {
        FACE_PROVIDER("face_callback_nonce"),
        TRANSFER_PLATFORM("transfer_callback_nonce");

        private final String sql;

        Table(String sql) {
            this.sql = sql;
        }
    }

    private final Pool db;
    private final String claim;
    private final String prune;

    public CallbackNonceRepository(Pool db, Table table) {
        this.db = db;
        this.claim = "INSERT INTO " + table.sql + " (nonce, received_at) VALUES ($1, $2) "
                + "ON CONFLICT (nonce) DO NOTHING";
        this.prune = "DELETE FROM " + table.sql + " WHERE received_at < $1";
    }

    /** For the CDI client proxies of the subclasses; never used directly. */
    protected CallbackNonceRepository() {
        this.db = null;
        this.claim = null;
        this.prune = null;
    }

    /** True when the nonce is new (and is now remembered); false on a replay. Atomic across instances. */
    public Uni<Boolean> claim(String nonce, OffsetDateTime now) {
        return db.preparedQuery(claim).execute(Tuple.of(nonce, now)).map(rows -> rows.rowCount() == 1);
    }

    /** Forgets nonces whose timestamps the freshness check rejects anyway. */
    public Uni<Integer> prune(OffsetDateTime olderThan) {
        return db.preparedQuery(prune).execute(Tuple.of(olderThan)).map(rows -> rows.rowCount());
    }
}
