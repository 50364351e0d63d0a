package cn.hpf.mobile.faceauth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Callback nonces already used, in PostgreSQL so that no cache flush can reopen a replay. */
@ApplicationScoped
public class CallbackNonces {

    private final Pool db;

    public CallbackNonces(Pool db) {
        this.db = db;
    }

    /** True when the nonce is new (and is now remembered); false on a replay. Atomic across instances. */
    public Uni<Boolean> claim(String nonce, OffsetDateTime now) {
        return db.preparedQuery("INSERT INTO face_callback_nonce (nonce, received_at) VALUES ($1, $2) "
                        + "ON CONFLICT (nonce) DO NOTHING")
                .execute(Tuple.of(nonce, now))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Forgets nonces whose timestamps the freshness check rejects anyway. */
    public Uni<Integer> prune(OffsetDateTime olderThan) {
        return db.preparedQuery("DELETE FROM face_callback_nonce WHERE received_at < $1")
                .execute(Tuple.of(olderThan))
                .map(rows -> rows.rowCount());
    }
}
