package cn.hpf.mobile.payout;

import cn.hpf.mobile.withdrawal.AdmissionLimits;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.UUID;

/**
 * TEMPORARY, payout branch only — DELETE AT MERGE: admission provides the real {@link AdmissionLimits} (budget
 * and caps in Redis). This default bean only lets the payout branch run on its own.
 */
@DefaultBean
@ApplicationScoped
public class NoOpAdmissionLimits implements AdmissionLimits {

    @Override
    public Uni<Void> giveBack(UUID withdrawalId, long memberId, String category, long amountFen, LocalDate budgetDay,
                              int budgetShard) {
        return Uni.createFrom().voidItem();
    }
}
