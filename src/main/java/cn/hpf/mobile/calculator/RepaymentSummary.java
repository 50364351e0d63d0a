package cn.hpf.mobile.calculator;

/** What a repayment comes to without its schedule: the figures the calculator answers by default. Money in fen. */
public record RepaymentSummary(long principalFen, long firstPaymentFen, long lastPaymentFen, long totalInterestFen) {

    public long totalPaymentFen() {
        return principalFen + totalInterestFen;
    }

    static RepaymentSummary of(RepaymentPlan plan) {
        return new RepaymentSummary(plan.principalFen(), plan.firstPaymentFen(), plan.lastPaymentFen(),
                plan.totalInterestFen());
    }
}
