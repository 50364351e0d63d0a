package cn.hpf.mobile.calculator;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LoanQuotaResult", description = "可贷额度: the smallest of the limits, each reported")
public record LoanQuotaResult(
        @Schema(description = "What can be borrowed: the smallest limit", examples = "60000000") long quotaFen,
        @Schema(description = "The limit that binds", examples = "ABSOLUTE_CAP") LimitType binding,
        @Schema(examples = "0.026") BigDecimal annualRate,
        @Schema(examples = "360") int termMonths,
        @Schema(description = "Equal-instalment monthly payment at the quota", examples = "240204")
        long monthlyPaymentFen,
        List<Limit> limits) {

    public enum LimitType { REPAYMENT_CAPACITY, HOUSE_PRICE, BALANCE_MULTIPLE, ABSOLUTE_CAP }

    @Schema(name = "LoanQuotaLimit")
    public record Limit(
            @Schema(examples = "REPAYMENT_CAPACITY") LimitType type,
            @Schema(examples = "150000000") long limitFen,
            @Schema(examples = "payment ≤ 0.5 × monthly deposit base") String rule) {
    }
}
