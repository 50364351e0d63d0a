package cn.hpf.mobile.ops.payouts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Payouts the bank was sent and has not settled (no PAID, no refusal) for longer than the configured age. */
@Schema(name = "UnknownPayouts")
public record UnknownPayouts(
        @Schema(required = true, description = "Oldest first (by when the bank was first sent the order)")
        List<Item> items,
        @Schema(required = true, description = "How many there are in all (items stops at the limit)", examples = "3")
        long total,
        @Schema(required = true, description = "A payout is listed once its outcome has been unknown this long "
                + "(hpf.ops.unknown-payout-after)", examples = "60") long unknownAfterSeconds) {

    @Schema(name = "UnknownPayout")
    public record Item(
            @Schema(required = true, examples = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID withdrawalId,
            @Schema(required = true, examples = "1234500") long amountFen,
            @Schema(required = true, examples = "RENT") String category,
            @Schema(required = true, examples = "APP") String channel,
            @Schema(required = true, description = "When the withdrawal was admitted") OffsetDateTime acceptedAt,
            @Schema(required = true, description = "When the order was first sent to the bank")
            OffsetDateTime firstSentAt,
            @Schema(description = "When the bank last answered without settling it; null if never asked since")
            OffsetDateTime lastAskedAt,
            @Schema(required = true, description = "Calls made about it (the send, then each question)",
                    examples = "4") int attempts,
            @Schema(required = true, description = "Seconds since it was first sent", examples = "185")
            long unknownForSeconds,
            @Schema(description = "The bank's last answer: TIMEOUT, PROCESSING, CLIENT_TIMEOUT, ERROR …, NotFound; "
                    + "null before any", examples = "TIMEOUT") String lastBankAnswer) {
    }
}
