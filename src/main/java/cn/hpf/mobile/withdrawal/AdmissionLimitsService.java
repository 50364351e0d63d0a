package cn.hpf.mobile.withdrawal;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Gives back what admission reserved when a withdrawal ends FAILED, idempotently: the day's budget (the Redis
 * shard's reservation, or the PostgreSQL budget row once per withdrawal) and any Redis hold still pending. The
 * member's caps need nothing more: they are computed from non-FAILED withdrawals, so a FAILED one stops counting.
 */
@ApplicationScoped
public class AdmissionLimitsService implements AdmissionLimits {

    private final DailyBudget budget;
    private final MemberHolds holds;
    private final AdmissionConfig config;
    private final Pool db;

    public AdmissionLimitsService(DailyBudget budget, MemberHolds holds, AdmissionConfig config, Pool db) {
        this.budget = budget;
        this.holds = holds;
        this.config = config;
        this.db = db;
    }

    @Override
    public Uni<Void> giveBack(UUID withdrawalId, long memberId, String category, long amountFen, LocalDate budgetDay,
                              int budgetShard) {
        if (config.mode() == AdmissionMode.POSTGRES) {
            return db.preparedQuery("""
                            WITH r AS (INSERT INTO payout_budget_return (withdrawal_id) VALUES ($1)
                                       ON CONFLICT DO NOTHING RETURNING withdrawal_id)
                            UPDATE payout_budget SET reserved_fen = greatest(0, reserved_fen - $2)
                            WHERE budget_day = $3 AND EXISTS (SELECT 1 FROM r)""")
                    .execute(Tuple.of(withdrawalId, amountFen, budgetDay)).replaceWithVoid();
        }
        return budget.giveBack(budgetDay, budgetShard, withdrawalId)
                .chain(() -> holds.release(memberId, withdrawalId))
                .replaceWithVoid();
    }
}
