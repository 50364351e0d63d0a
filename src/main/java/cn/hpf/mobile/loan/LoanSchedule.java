package cn.hpf.mobile.loan;

import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.calculator.RepaymentPlan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LoanSchedule", description = "The remaining repayment schedule, computed by the calculator's engine")
public record LoanSchedule(
        @Schema(examples = "1") long loanId,
        @Schema(examples = "EQUAL_INSTALMENT") RepaymentMethod method,
        @Schema(examples = "0.026") BigDecimal annualRate,
        @Schema(examples = "71756936") long outstandingPrincipalFen,
        @Schema(examples = "307") int remainingMonths,
        @Schema(examples = "26560000") long remainingInterestFen,
        @Schema(examples = "98316936") long remainingPaymentFen,
        List<Period> periods) {

    public enum PeriodStatus { OVERDUE, DUE }

    @Schema(name = "LoanSchedulePeriod")
    public record Period(
            @Schema(description = "The loan's period number", examples = "54") int period,
            @Schema(examples = "2026-11-30") LocalDate dueDate,
            @Schema(examples = "DUE") PeriodStatus status,
            @Schema(examples = "320272") long paymentFen,
            @Schema(examples = "164800") long principalFen,
            @Schema(examples = "155473") long interestFen,
            @Schema(examples = "71592136") long remainingPrincipalFen) {
    }

    static LoanSchedule of(Loan l) {
        List<Period> periods = new ArrayList<>();
        long interest = 0;
        long payment = 0;
        if (l.active()) {
            RepaymentPlan plan = l.plan();
            for (int loanPeriod = l.paidPeriods() + 1; loanPeriod <= l.lastPeriod(); loanPeriod++) {
                int p = l.planPeriod(loanPeriod);
                PeriodStatus status = loanPeriod <= l.paidPeriods() + l.overduePeriods()
                        ? PeriodStatus.OVERDUE : PeriodStatus.DUE;
                periods.add(new Period(loanPeriod, l.dueDate(loanPeriod), status, plan.paymentFen(p),
                        plan.principalFen(p), plan.interestFen(p), plan.remainingPrincipalFen(p)));
                interest += plan.interestFen(p);
                payment += plan.paymentFen(p);
            }
        }
        return new LoanSchedule(l.id(), l.method(), l.annualRate(), l.outstandingPrincipalFen(), l.remainingMonths(),
                interest, payment, periods);
    }
}
