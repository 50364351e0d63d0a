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

    private static final String TERMS = "SELECT budget_fen, shards FROM payout_budget_day WHERE budget_day = $1";

    /** The first replica's configuration fixes the day (or fills in the amount of a day a migration fixed). */
    private static final String FIX_TERMS = """
            INSERT INTO payout_budget_day AS d (budget_day, budget_fen, shards) VALUES ($1, $2, $3)
            ON CONFLICT (budget_day) DO UPDATE SET budget_fen = EXCLUDED.budget_fen, fixed_at = now()
                WHERE d.budget_fen IS NULL
            """;

    private final Pool db;

    public BudgetRepository(Pool db) {
        this.db = db;
    }

    record ShardState(long reservedFen, Set<UUID> committed) {
    }

    /** The day's terms, fixing them from these values when nobody has yet. */
    Uni<BudgetTerms> terms(LocalDate day, long configuredBudgetFen, int configuredShards) {
        return read(day).chain(found -> found != null ? Uni.createFrom().item(found)
                : db.preparedQuery(FIX_TERMS).execute(Tuple.of(day, configuredBudgetFen, configuredShards))
                .chain(() -> read(day))
                .map(fixed -> {
                    if (fixed == null) {
                        throw new IllegalStateException("payout budget terms of " + day + " not fixed");
                    }
                    return fixed;
                }));
    }

    /** The day's terms if they were fixed; null otherwise. */
    Uni<BudgetTerms> read(LocalDate day) {
        return db.preparedQuery(TERMS).execute(Tuple.of(day)).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            Long budget = r.getLong("budget_fen");
            return budget == null ? null : new BudgetTerms(day, budget, r.getInteger("shards"));
        });
    }

    Uni<ShardState> shard(LocalDate day, int shard, List<UUID> pending) {
        return db.preparedQuery(SHARD).execute(Tuple.of(day, shard, pending.toArray(UUID[]::new))).map(rows -> {
            Row r = rows.iterator().next();
            UUID[] committed = r.getArrayOfUUIDs("committed");
            return new ShardState(r.getLong("reserved_fen"), new HashSet<>(Arrays.asList(committed)));
        });
    }
}
