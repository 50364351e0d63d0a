package cn.hpf.mobile.guide;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The limits of a withdrawal: for online ones the rules admission applies, read from withdrawal_category. */
@Schema(name = "WithdrawalLimits", description = "What may be withdrawn. The figures are admission's own rules "
        + "(online withdrawals only); summary says it in words.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WithdrawalLimits(
        @Schema(examples = "每月可提取不超过2000.00元；未提取的月份可累计，最多累计12个月；每月最多提取一次。") String summary,
        @Schema(description = "Only the whole available balance (amountFen = availableFen)", examples = "false")
        Boolean wholeBalance,
        @Schema(description = "Paid out to the lending bank's loan account, up to the loan's outstanding principal",
                examples = "false") Boolean paysToLoan,
        @Schema(description = "Per month elapsed since the last withdrawal of the category", examples = "200000")
        Long monthlyCapFen,
        @Schema(description = "At most this many months accrue", examples = "12") Integer capAccrualMonths,
        @Schema(examples = "true") Boolean oncePerMonth,
        @Schema(description = "The account is closed once paid", examples = "false") Boolean closesAccount,
        @Schema(description = "Refused while an HPF loan is outstanding", examples = "false") Boolean refusedWithLoan,
        @Schema(description = "Account statuses that allow it", examples = "[\"NORMAL\"]") List<String> accountStatuses,
        @Schema(description = "RETIREMENT: minimum age", examples = "60") Integer minAge,
        @Schema(description = "LEFT_CITY_SEALED: months sealed", examples = "6") Integer sealedMonths,
        @Schema(description = "PURCHASE: months since the contract was signed, at most", examples = "12")
        Integer contractWithinMonths) {
}
