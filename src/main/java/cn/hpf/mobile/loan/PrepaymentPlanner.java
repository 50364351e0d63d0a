package cn.hpf.mobile.loan;

import cn.hpf.mobile.calculator.RepaymentEngine;
import cn.hpf.mobile.calculator.RepaymentPlan;

/**
 * Re-plans a loan after a prepayment. The prepaid amount is principal only: interest is paid monthly in arrears
 * with each instalment, and the centre charges neither the broken period's interest nor a fee on early
 * repayment, so a full repayment (提前结清) is exactly the outstanding principal.
 *
 * <ul>
 *   <li>REDUCE_PAYMENT: the rest is re-planned over the same remaining months.</li>
 *   <li>SHORTEN_TERM: the rest is re-planned over the fewest months whose first payment does not exceed the
 *       next instalment the member pays today.</li>
 * </ul>
 * The new plan's period 1 is the loan's next unpaid period. Interest saved = the remaining interest of the current
 * plan minus that of the new one.
 */
final class PrepaymentPlanner {

    record Figures(long amountFen, boolean full, long newOutstandingFen, long newMonthlyPaymentFen,
                   int newRemainingMonths, long interestSavedFen, Long newPlanPrincipalFen, Integer newPlanTermMonths,
                   Integer newPlanBasePeriod) {
    }

    private PrepaymentPlanner() {
    }

    /** {@code amountFen} is between 1 and the outstanding principal (checked by the caller). */
    static Figures plan(Loan loan, long amountFen, PrepaymentMode mode) {
        RepaymentPlan current = loan.plan();
        int next = loan.planPeriod(loan.paidPeriods() + 1);
        long interestIfUnchanged = current.interestFrom(next);
        long left = loan.outstandingPrincipalFen() - amountFen;
        if (left == 0) {
            return new Figures(amountFen, true, 0, 0, 0, interestIfUnchanged, null, null, null);
        }
        int months = loan.remainingMonths();
        int term = mode == PrepaymentMode.REDUCE_PAYMENT ? months
                : shortestTermWithin(left, loan, months, current.paymentFen(next));
        RepaymentPlan replanned = RepaymentEngine.plan(left, loan.annualRate(), term, loan.method());
        long saved = Math.max(0, interestIfUnchanged - replanned.totalInterestFen());
        return new Figures(amountFen, false, left, replanned.firstPaymentFen(), term, saved, left, term,
                loan.paidPeriods());
    }

    /** Payments fall as the term grows, so a binary search finds the fewest months that fit. */
    private static int shortestTermWithin(long principalFen, Loan loan, int maxMonths, long paymentFen) {
        int lo = 1;
        int hi = maxMonths;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long first = RepaymentEngine.plan(principalFen, loan.annualRate(), mid, loan.method()).firstPaymentFen();
            if (first <= paymentFen) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
