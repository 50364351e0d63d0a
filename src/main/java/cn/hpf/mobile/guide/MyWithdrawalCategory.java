package cn.hpf.mobile.guide;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MyWithdrawalCategory", description = "One withdrawal for the calling member now, decided by the rules "
        + "admission applies (nothing is reserved). Money in fen.")
public record MyWithdrawalCategory(
        @Schema(examples = "RENT") String category,
        @Schema(description = "A withdrawal now would not be refused for eligibility, balance or limits (a face "
                + "verification is still needed)", examples = "true") boolean eligible,
        @Schema(description = "Why not: the codes admission would refuse with (the first is the one it answers), "
                + "DATA_SHARING_UNAVAILABLE when a platform could not be asked, NOT_ONLINE for withdrawals made at "
                + "an outlet. One of ACCOUNT_NOT_ACTIVE, LOAN_OVERDUE, NOT_ELIGIBLE, OTHER_WITHDRAWAL_IN_FLIGHT, "
                + "CATEGORY_CAP_EXCEEDED, AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT, INSUFFICIENT_BALANCE, "
                + "DATA_SHARING_UNAVAILABLE, NOT_ONLINE", examples = "[\"ACCOUNT_NOT_ACTIVE\", \"NOT_ELIGIBLE\"]")
        List<String> reasons,
        @Schema(description = "The most a withdrawal may be now (the exact amount for whole-balance categories); 0 "
                + "when not eligible", examples = "200000") long maxAmountFen,
        @Schema(examples = "[\"本市无房证明（不动产登记数据共享）\"]") List<String> checkedByCentre,
        @Schema(examples = "[\"身份证\"]") List<String> toBring,
        @Schema(examples = "true") boolean online,
        @Schema(examples = "租房提取") String name,
        @Schema(description = "The reasons in words (English)", examples = "[]") List<String> details) {
}
