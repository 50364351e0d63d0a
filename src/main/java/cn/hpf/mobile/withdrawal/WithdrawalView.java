package cn.hpf.mobile.withdrawal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Withdrawal", description = "A withdrawal and where it stands. Money in fen.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WithdrawalView(
        @Schema(examples = "7d9f1b0c-3c1e-4a56-9c55-1d6f3b2e8a90") UUID id,
        @Schema(examples = "PAID", enumeration = {"ACCEPTED", "PAYING", "PAID", "FAILED", "RETURNED"}) String status,
        @Schema(examples = "200000") long amountFen,
        @Schema(examples = "RENT") String category,
        @Schema(examples = "2026-11-25T04:00:00.123456Z") Instant createdAt,
        @Schema(examples = "2026-11-25T04:00:00.523456Z") Instant updatedAt,
        @Schema(examples = "2026-11-25T04:00:00.523456Z") Instant paidAt,
        @Schema(examples = "BANK_REJECTED") String failureCode,
        @Schema(examples = "3") Long bankCardId,
        @Schema(examples = "1") Long loanId,
        @Schema(description = "Made through a partner app: its own idempotency key") String outBizNo) {
}
