package cn.hpf.mobile.ops.stats;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The last minutes, one point each, and today's budget: what the console's time charts draw. */
@Schema(name = "MinuteSeries")
public record MinuteSeries(
        @Schema(required = true, description = "When these figures were read") OffsetDateTime at,
        @Schema(required = true, description = "Today's (Asia/Shanghai) payout budget as PostgreSQL fixed it at the "
                + "first admission of the day, or as configured (hpf.admission.daily-budget-fen) before that",
                examples = "2000000000") long todayBudgetFen,
        @Schema(required = true, description = "Today's withdrawals that are not FAILED and reach the bank: what the "
                + "budget has spent, paid or in flight") long todayBudgetUsedFen,
        @Schema(required = true, description = "Oldest first; the last is the current minute, still counting")
        List<Minute> minutes) {

    @Schema(name = "MinutePoint")
    public record Minute(
            @Schema(required = true, description = "The minute's start") OffsetDateTime minute,
            @Schema(required = true, description = "Withdrawals admitted in it") long count,
            @Schema(required = true) long amountFen,
            @Schema(required = true, description = "Withdrawals paid in it (PAID, or RETURNED after)") long paidCount,
            @Schema(required = true) long paidFen,
            @Schema(description = "Admission to PAID of those paid by the bank in it, milliseconds (nearest rank); "
                    + "null when none") Long latencyP50,
            Long latencyP95,
            Long latencyP99) {
    }
}
