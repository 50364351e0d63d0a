package cn.hpf.mobile.loan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "LoanAutoTransferRecord", description = "One loan's 按月转账 for one month: drawn, or skipped and why")
public record AutoTransferRecord(
        @Schema(examples = "1") long loanId,
        @Schema(examples = "1") long memberId,
        @Schema(examples = "2026-11") String month,
        @Schema(examples = "54") int period,
        @Schema(examples = "SKIPPED") String status,
        @Schema(description = "INSUFFICIENT_BALANCE or LOAN_OVERDUE when skipped", examples = "INSUFFICIENT_BALANCE")
        String reason,
        @Schema(examples = "320272") long amountFen,
        @Schema(description = "The member's available balance when last tried", examples = "120000") Long availableFen,
        @Schema(examples = "2") int attempts,
        @Schema(examples = "2026-11-02T22:00:00Z") OffsetDateTime updatedAt) {
}
