package cn.hpf.mobile.loan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Prepayment", description = "An accepted early repayment; the loan has already changed")
public record Prepayment(
        @Schema(examples = "7d1c2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b") UUID id,
        @Schema(description = "Partner requests only: the partner's own idempotency key") String outBizNo,
        @Schema(examples = "1") long loanId,
        @Schema(examples = "5b0c1f9e-4d7a-4a8e-9a55-0f6b3c2d1e00") UUID quoteId,
        @Schema(examples = "10000000") long amountFen,
        @Schema(examples = "false") boolean full,
        @Schema(examples = "SHORTEN_TERM") PrepaymentMode mode,
        @Schema(examples = "HPF_BALANCE") PrepaymentSource source,
        @Schema(examples = "1") Long bankCardId,
        @Schema(examples = "PAID") String status,
        @Schema(description = "The loan's outstanding principal after it", examples = "61756936")
        long outstandingPrincipalFen,
        @Schema(examples = "320272") long newMonthlyPaymentFen,
        @Schema(examples = "241") int newRemainingMonths,
        @Schema(examples = "ACTIVE") LoanStatus loanStatus,
        @Schema(examples = "2026-11-25T10:05:00Z") OffsetDateTime createdAt) {
}
