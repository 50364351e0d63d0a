package cn.hpf.mobile.loan;

import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.calculator.RepaymentPlan;
import cn.hpf.mobile.common.PersonalData;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Loan", description = "贷款概览: one HPF loan of the member. Money in fen.")
public record LoanView(
        @Schema(examples = "1") long id,
        @Schema(examples = "HZGJJ-2021-000101") String contractNo,
        @Schema(examples = "ACTIVE") LoanStatus status,
        @Schema(examples = "80000000") long principalFen,
        @Schema(examples = "71756936") long outstandingPrincipalFen,
        @Schema(description = "Fraction: 0.026 = 2.6 %", examples = "0.026") BigDecimal annualRate,
        @Schema(description = "Contract term", examples = "360") int termMonths,
        @Schema(description = "Instalments left, including overdue ones", examples = "307") int remainingMonths,
        @Schema(examples = "EQUAL_INSTALMENT") RepaymentMethod method,
        @Schema(examples = "53") int paidPeriods,
        @Schema(examples = "2022-05-01") LocalDate startDate,
        @Schema(description = "The next instalment not yet overdue; absent once the loan is closed")
        @JsonInclude(JsonInclude.Include.NON_NULL) Instalment nextInstalment,
        Overdue overdue,
        @Schema(description = "委贷银行: the bank handling the loan for the centre",
                examples = "中国建设银行杭州分行 (委贷银行)") String lendingBank,
        AutoTransfer autoTransfer) {

    @Schema(name = "LoanInstalment")
    public record Instalment(
            @Schema(examples = "54") int period,
            @Schema(examples = "2026-11-30") LocalDate dueDate,
            @Schema(examples = "164800") long principalFen,
            @Schema(examples = "155473") long interestFen,
            @Schema(examples = "320272") long totalFen) {
    }

    @Schema(name = "LoanOverdue")
    public record Overdue(
            @Schema(examples = "0") int periods,
            @Schema(examples = "0") long amountFen) {
    }

    @Schema(name = "LoanAutoTransfer", description = "按月转账: the monthly instalment drawn from the HPF balance")
    public record AutoTransfer(
            @Schema(examples = "true") boolean enabled,
            @Schema(description = "Where the instalment is drawn from", examples = "HPF_BALANCE") String fromAccount,
            @Schema(description = "The lending bank's loan account it repays", examples = "3300 **** **** 0101")
            String toAccount) {
    }

    public static LoanView of(Loan l) {
        Instalment next = null;
        int nextPeriod = l.paidPeriods() + l.overduePeriods() + 1;
        if (l.active() && nextPeriod <= l.lastPeriod()) {
            RepaymentPlan plan = l.plan();
            int p = l.planPeriod(nextPeriod);
            next = new Instalment(nextPeriod, l.dueDate(nextPeriod), plan.principalFen(p), plan.interestFen(p),
                    plan.paymentFen(p));
        }
        return new LoanView(l.id(), l.contractNo(), l.status(), l.principalFen(), l.outstandingPrincipalFen(),
                l.annualRate(), l.termMonths(), l.remainingMonths(), l.method(), l.paidPeriods(), l.startDate(), next,
                new Overdue(l.overduePeriods(), l.overdueAmountFen()), l.lendingBank(),
                new AutoTransfer(l.autoTransfer(), "HPF_BALANCE",
                        PersonalData.cardNumber(l.lendingBankAccount())));
    }
}
