package cn.hpf.mobile.withdrawal;

import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What admission reserved besides the PostgreSQL hold: the day's payout budget (sharded Redis counter) and the
 * member's category caps. Payout gives them back when a withdrawal ends FAILED.
 */
public interface AdmissionLimits {

    Uni<Void> giveBack(UUID withdrawalId, long memberId, String category, long amountFen, LocalDate budgetDay,
                       int budgetShard);
}
