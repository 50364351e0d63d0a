package cn.hpf.mobile.partner.api;

import cn.hpf.mobile.loan.PrepaymentRequest;
import cn.hpf.mobile.loan.PrepaymentSource;
import cn.hpf.mobile.withdrawal.WithdrawalRequest;
import cn.hpf.mobile.withdrawal.WithdrawalView;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies and lists of the partner API that differ from the member API's by the partner's own fields. */
final class PartnerRequests {

    private PartnerRequests() {
    }

    @Schema(name = "PartnerWithdrawalRequest", description = "The /v1/withdrawals body plus the partner's outBizNo.")
    record Withdrawal(
            @Schema(examples = "RENT") String category,
            @Schema(examples = "200000") Long amountFen,
            @Schema(examples = "3") Long bankCardId,
            @Schema(description = "A PASSED face verification of purpose WITHDRAWAL") String faceVerificationId,
            @Schema(examples = "1") Long loanId,
            @Schema(description = "The partner's idempotency key: unique per app, 1–64 of A–Z a–z 0–9 _ -",
                    examples = "ALI20261202000001") String outBizNo) {

        WithdrawalRequest toMember() {
            return new WithdrawalRequest(category, amountFen, bankCardId, faceVerificationId, loanId);
        }
    }

    @Schema(name = "PartnerPrepaymentRequest", description = "The prepayment body plus the partner's outBizNo.")
    record Prepayment(
            UUID quoteId,
            PrepaymentSource source,
            UUID faceVerificationId,
            Long bankCardId,
            @Schema(description = "The partner's idempotency key: unique per app", examples = "ALI20261202000002")
            String outBizNo) {

        PrepaymentRequest toMember() {
            return new PrepaymentRequest(quoteId, source, faceVerificationId, bankCardId);
        }
    }

    @Schema(name = "PartnerFaceVerificationRequest",
            description = "A liveness check the platform ran itself; the centre asks the platform for its result.")
    record FaceVerification(
            @Schema(enumeration = {"WITHDRAWAL", "PREPAYMENT"}) String purpose,
            @Schema(description = "The platform's certification id", examples = "PASS-7f3a9c") String certifyId) {
    }

    @Schema(name = "PartnerWithdrawalList")
    record Withdrawals(List<WithdrawalView> items) {
    }
}
