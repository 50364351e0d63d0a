package cn.hpf.mobile.calculator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "MonthlyPaymentResult", description = "月供计算: the repayment of a loan, exact to the fen")
public record MonthlyPaymentResult(
        @Schema(examples = "100000000") long principalFen,
        @Schema(examples = "0.026") BigDecimal annualRate,
        @Schema(examples = "360") int termMonths,
        @Schema(examples = "EQUAL_INSTALMENT") RepaymentMethod method,
        @Schema(examples = "400340") long firstPaymentFen,
        @Schema(examples = "400175") long lastPaymentFen,
        @Schema(examples = "44122235") long totalInterestFen,
        @Schema(examples = "144122235") long totalPaymentFen,
        @Schema(description = "Every period, only with schedule=true") List<SchedulePeriod> schedule) {

    static MonthlyPaymentResult of(RepaymentPlan plan, BigDecimal rate, int term, RepaymentMethod method,
                                   boolean withSchedule) {
        return new MonthlyPaymentResult(plan.principalFen(), rate, term, method, plan.firstPaymentFen(),
                plan.lastPaymentFen(), plan.totalInterestFen(), plan.totalPaymentFen(),
                withSchedule ? plan.asList() : null);
    }

    /** Without the schedule. */
    static MonthlyPaymentResult of(RepaymentSummary s, BigDecimal rate, int term, RepaymentMethod method) {
        return new MonthlyPaymentResult(s.principalFen(), rate, term, method, s.firstPaymentFen(),
                s.lastPaymentFen(), s.totalInterestFen(), s.totalPaymentFen(), null);
    }
}
