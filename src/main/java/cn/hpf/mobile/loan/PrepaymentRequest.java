package cn.hpf.mobile.loan;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PrepaymentRequest")
public record PrepaymentRequest(
        @Schema(required = true, examples = "5b0c1f9e-4d7a-4a8e-9a55-0f6b3c2d1e00") UUID quoteId,
        @Schema(required = true, examples = "HPF_BALANCE") PrepaymentSource source,
        @Schema(required = true, description = "A PASSED face verification with purpose PREPAYMENT",
                examples = "0e7c6a52-91f3-4c55-b0f2-7d1c2a3b4c5d") UUID faceVerificationId,
        @Schema(description = "The member's own card; required for BANK_CARD, absent otherwise", examples = "1")
        Long bankCardId) {
}
