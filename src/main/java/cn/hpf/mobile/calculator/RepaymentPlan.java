package cn.hpf.mobile.calculator;

import java.util.ArrayList;
import java.util.List;

/**
 * A computed schedule, period by period, in parallel arrays of fen (index 0 = period 1). Immutable after
 * {@link RepaymentEngine} builds it.
 */
public final class RepaymentPlan {

    private final long principalFen;
    private final long[] payment;
    private final long[] principal;
    private final long[] interest;
    private final long[] remaining;

    RepaymentPlan(long principalFen, long[] payment, long[] principal, long[] interest, long[] remaining) {
        this.principalFen = principalFen;
        this.payment = payment;
        this.principal = principal;
        this.interest = interest;
        this.remaining = remaining;
    }

    public long principalFen() {
        return principalFen;
    }

    public int periods() {
        return payment.length;
    }

    /** Period numbers start at 1. */
    public long paymentFen(int period) {
        return payment[period - 1];
    }

    public long principalFen(int period) {
        return principal[period - 1];
    }

    public long interestFen(int period) {
        return interest[period - 1];
    }

    public long remainingPrincipalFen(int period) {
        return remaining[period - 1];
    }

    public long firstPaymentFen() {
        return payment[0];
    }

    public long lastPaymentFen() {
        return payment[payment.length - 1];
    }

    public long totalInterestFen() {
        return interestFrom(1);
    }

    /** Interest of periods {@code from} … last. */
    public long interestFrom(int from) {
        long sum = 0;
        for (int i = Math.max(from, 1) - 1; i < interest.length; i++) {
            sum += interest[i];
        }
        return sum;
    }

    public long totalPaymentFen() {
        return principalFen + totalInterestFen();
    }

    public SchedulePeriod period(int period) {
        int i = period - 1;
        return new SchedulePeriod(period, payment[i], principal[i], interest[i], remaining[i]);
    }

    public List<SchedulePeriod> asList() {
        List<SchedulePeriod> out = new ArrayList<>(payment.length);
        for (int p = 1; p <= payment.length; p++) {
            out.add(period(p));
        }
        return out;
    }
}
