package cn.hpf.mobile.loan;

import cn.hpf.mobile.calculator.RepaymentEngine;
import cn.hpf.mobile.calculator.RepaymentMethod;
import cn.hpf.mobile.calculator.RepaymentPlan;
import io.vertx.mutiny.sqlclient.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * A loan row. Its remaining schedule is the engine's schedule of the current plan ({@code planPrincipalFen} over
 * {@code planTermMonths}), whose period 1 is the loan's period {@code planBasePeriod + 1}; see V5__loans.sql.
 * Period k falls due on the last day of the k-th month after the start month.
 */
public record Loan(
        long id,
        long memberId,
        String contractNo,
        long principalFen,
        long outstandingPrincipalFen,
        BigDecimal annualRate,
        int termMonths,
        RepaymentMethod method,
        LocalDate startDate,
        String lendingBank,
        String lendingBankAccount,
        int paidPeriods,
        int overduePeriods,
        long overdueAmountFen,
        boolean autoTransfer,
        LoanStatus status,
        long version,
        long planPrincipalFen,
        int planTermMonths,
        int planBasePeriod,
        long pendingRepaymentFen) {

    static final String COLUMNS = "l.id, l.member_id, l.contract_no, l.principal_fen, l.outstanding_principal_fen, "
            + "l.annual_rate, l.term_months, l.method, l.start_date, l.lending_bank, l.lending_bank_account, "
            + "l.paid_periods, l.overdue_periods, l.overdue_amount_fen, l.auto_transfer, l.status, l.version, "
            + "coalesce(l.plan_principal_fen, l.principal_fen), coalesce(l.plan_term_months, l.term_months), "
            + "l.plan_base_period, l.pending_repayment_fen";

    /** Maps a row selected with {@link #COLUMNS} first. */
    static Loan of(Row r) {
        return new Loan(r.getLong(0), r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4),
                r.getBigDecimal(5).stripTrailingZeros(), r.getInteger(6), RepaymentMethod.valueOf(r.getString(7)),
                r.getLocalDate(8), r.getString(9), r.getString(10), r.getInteger(11), r.getInteger(12), r.getLong(13),
                r.getBoolean(14), LoanStatus.valueOf(r.getString(15)), r.getLong(16), r.getLong(17), r.getInteger(18),
                r.getInteger(19), r.getLong(20));
    }

    /** LOAN_REPAYMENT withdrawals admitted but not yet paid or failed: the loan must wait for them. */
    public boolean repaymentInProgress() {
        return pendingRepaymentFen > 0;
    }

    public boolean active() {
        return status == LoanStatus.ACTIVE && outstandingPrincipalFen > 0;
    }

    /** Last period of the current plan, in the loan's numbering. */
    public int lastPeriod() {
        return planBasePeriod + planTermMonths;
    }

    public int remainingMonths() {
        return active() ? Math.max(lastPeriod() - paidPeriods, 0) : 0;
    }

    public RepaymentPlan plan() {
        return RepaymentEngine.plan(planPrincipalFen, annualRate, planTermMonths, method);
    }

    /** The plan's period number for the loan's period {@code loanPeriod}. */
    public int planPeriod(int loanPeriod) {
        return loanPeriod - planBasePeriod;
    }

    public LocalDate dueDate(int loanPeriod) {
        return YearMonth.from(startDate).plusMonths(loanPeriod).atEndOfMonth();
    }

    /** The loan period that falls due in {@code month} (may be outside 1..lastPeriod). */
    public int periodDueIn(YearMonth month) {
        return (int) ChronoUnit.MONTHS.between(YearMonth.from(startDate), month);
    }
}
