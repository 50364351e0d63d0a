package cn.hpf.mobile.loan;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PrepaymentQuote", description = "What an early repayment would change; accept it before validUntil")
public record PrepaymentQuote(
        @Schema(examples = "5b0c1f9e-4d7a-4a8e-9a55-0f6b3c2d1e00") UUID id,
        @Schema(examples = "1") long loanId,
        @Schema(examples = "10000000") long amountFen,
        @Schema(examples = "false") boolean full,
        @Schema(examples = "SHORTEN_TERM") PrepaymentMode mode,
        @Schema(description = "Outstanding principal before the prepayment", examples = "71756936")
        long outstandingPrincipalFen,
        @Schema(description = "Outstanding principal after it", examples = "61756936") long newOutstandingPrincipalFen,
        @Schema(description = "0 for a full repayment", examples = "320272") long newMonthlyPaymentFen,
        @Schema(description = "0 for a full repayment", examples = "241") int newRemainingMonths,
        @Schema(examples = "4321000") long interestSavedFen,
        @Schema(examples = "2026-11-25T10:15:00Z") OffsetDateTime validUntil) {
}
