package cn.hpf.mobile.withdrawal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WithdrawalRequest", description = "A withdrawal to admit. LOAN_REPAYMENT pays the member's HPF loan: "
        + "omit bankCardId and name the loan with loanId (optional when the member has exactly one active loan).")
public record WithdrawalRequest(
        @Schema(examples = "RENT", description = "A category code from the service guide") String category,
        @Schema(examples = "200000", description = "Amount in fen; whole-balance categories must name availableFen")
        Long amountFen,
        @Schema(examples = "3", description = "One of the member's own cards (not for LOAN_REPAYMENT)") Long bankCardId,
        @Schema(examples = "0b5c6f5e-8a43-4b8e-9d7a-0d2f2b0e6a11", description = "A PASSED face verification, purpose WITHDRAWAL")
        String faceVerificationId,
        @Schema(examples = "1", description = "LOAN_REPAYMENT only: the loan to repay") Long loanId) {
}
