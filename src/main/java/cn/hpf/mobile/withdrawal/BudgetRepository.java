package cn.hpf.mobile.withdrawal;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The day's payout budget as PostgreSQL keeps it: one row per shard (payout_budget_shard), the backstop. */
@ApplicationScoped
public class BudgetRepository {

    /**
     * In one snapshot: what the shard has reserved for withdrawals that committed, and which of the given
     * withdrawals (reservations Redis still calls pending) have committed since.
     */
    private static final String SHARD = """
            SELECT coalesce((SELECT reserved_fen FROM payout_budget_shard WHERE budget_day = $1 AND shard = $2), 0)
                       AS reserved_fen,
                   ARRAY(SELECT id FROM withdrawal WHERE id = ANY ($3)) AS committed
            """;

    private final Pool db;

    public BudgetRepository(Pool db) {
        this.db = db;
    }

    record ShardState(long reservedFen, Set<UUID> committed) {
    }

    Uni<ShardState> shard(LocalDate day, int shard, List<UUID> pending) {
        return db.preparedQuery(SHARD).execute(Tuple.of(day, shard, pending.toArray(UUID[]::new))).map(rows -> {
            Row r = rows.iterator().next();
            UUID[] committed = r.getArrayOfUUIDs("committed");
            return new ShardState(r.getLong("reserved_fen"), new HashSet<>(Arrays.asList(committed)));
        });
    }
}
