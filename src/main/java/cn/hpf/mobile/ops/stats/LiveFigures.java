package cn.hpf.mobile.ops.stats;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the console's charts show right now, from PostgreSQL: this minute, today so far, and the switches. */
@Schema(name = "LiveFigures")
public record LiveFigures(
        @Schema(required = true, description = "When these figures were read") OffsetDateTime at,
        @Schema(required = true, description = "The current minute (its start)") OffsetDateTime minute,
        @Schema(required = true, description = "Withdrawals admitted in the current minute") long minuteCount,
        @Schema(required = true) long minuteAmountFen,
        @Schema(required = true, description = "Withdrawals paid in the current minute") long minutePaidCount,
        @Schema(required = true, description = "Withdrawals admitted today (Asia/Shanghai)") long todayCount,
        @Schema(required = true) long todayAmountFen,
        @Schema(required = true, description = "Today's withdrawals paid so far") long todayPaidFen,
        @Schema(description = "Today's online share (as in the daily statistics); null before the first withdrawal")
        BigDecimal todayOnlineShare,
        @Schema(required = true, description = "Withdrawals admitted and not paid or failed yet (any day)")
        long waitingPayouts,
        @Schema(required = true) boolean admissionsPaused,
        @Schema(required = true) boolean payoutsPaused) {
}
