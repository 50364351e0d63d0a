package cn.hpf.mobile.audit;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One audit row as operators read it. */
@Schema(name = "AuditEntry", description = "One audited money or operator action")
public record AuditEntry(
        @Schema(description = "Increasing; the keyset the pages follow", required = true) long id,
        @Schema(description = "When the acting transaction started", required = true) OffsetDateTime at,
        @Schema(description = "What was done, e.g. WITHDRAWAL_ADMITTED, PAYOUT_PAID, PAYOUTS_PAUSE",
                required = true) String action,
        @Schema(description = "Who: member:<id>, partner:<app id>, the operator, system:<job>, platform:<centre>",
                required = true) String actor,
        @Schema(description = "APP, MINI_PROGRAM, PARTNER, COUNTER, SYSTEM, PLATFORM or OPS", required = true)
        String channel,
        @Schema(description = "The partner app, for the partner channel's actions and their settlements",
                nullable = true) String appId,
        @Schema(description = "The caller's address, for actions taken by a request", nullable = true)
        String clientAddress,
        @Schema(nullable = true) Long memberId,
        @Schema(description = "The face verification that authorized it", nullable = true) UUID faceVerificationId,
        @Schema(nullable = true) Long amountFen,
        @Schema(description = "What was acted on: a withdrawal, prepayment or transfer id, a switch, a day",
                nullable = true) String target,
        @Schema(description = "What came of it", nullable = true) String result,
        @Schema(nullable = true) String reason,
        @Schema(description = "False when the action found nothing to change", required = true) boolean changed) {
}
