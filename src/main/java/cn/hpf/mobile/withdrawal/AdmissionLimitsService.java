package cn.hpf.mobile.withdrawal;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Gives back in Redis what a withdrawal that ended FAILED had reserved: its share of the day's budget counter and
 * any hold still pending. PostgreSQL gave back its own (the budget row, the caps) in the FAILED statement itself;
 * what Redis misses here is corrected by {@link HoldRecovery}, so this is best effort.
 */
@ApplicationScoped
public class AdmissionLimitsService implements AdmissionLimits {

    private final DailyBudget budget;
    private final MemberHolds holds;

    public AdmissionLimitsService(DailyBudget budget, MemberHolds holds) {
        this.budget = budget;
        this.holds = holds;
    }

    @Override
    public Uni<Void> giveBack(UUID withdrawalId, long memberId, String category, long amountFen, LocalDate budgetDay,
                              int budgetShard) {
        return budget.returnAmount(budgetDay, budgetShard, amountFen)
                .chain(() -> holds.release(memberId, withdrawalId))
                .replaceWithVoid();
    }
}
