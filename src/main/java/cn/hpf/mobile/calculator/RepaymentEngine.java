package cn.hpf.mobile.calculator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The repayment rules, exact to the fen and free of I/O, shared by the public calculator and the member's loans.
 *
 * <ul>
 *   <li>Each period's interest = HALF_UP(remaining principal × annualRate / 12), dividing last.</li>
 *   <li>等额本息: every period pays HALF_UP of the annuity P·i(1+i)^n / ((1+i)^n − 1) with i = annualRate / 12
 *       (computed in DECIMAL128); the last period pays the remaining principal plus its interest, so the
 *       principal parts add up to P exactly.</li>
 *   <li>等额本金: ⌊P/n⌋ principal, plus 1 fen in each of the first P mod n periods, plus that period's interest.</li>
 * </ul>
 */
public final class RepaymentEngine {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    private RepaymentEngine() {
    }

    public static RepaymentPlan plan(long principalFen, BigDecimal annualRate, int termMonths, RepaymentMethod method) {
        if (principalFen <= 0 || termMonths <= 0 || annualRate.signum() <= 0) {
            throw new IllegalArgumentException("principal, rate and term must be positive");
        }
        MonthlyRate rate = new MonthlyRate(annualRate);
        return method == RepaymentMethod.EQUAL_PRINCIPAL
                ? equalPrincipal(principalFen, rate, termMonths)
                : equalInstalment(principalFen, rate, termMonths);
    }

    /** HALF_UP(P · i(1+i)^n / ((1+i)^n − 1)), the 等额本息 payment before the last-period adjustment. */
    public static long annuityFen(long principalFen, BigDecimal annualRate, int termMonths) {
        BigDecimal i = annualRate.divide(TWELVE, MC);
        BigDecimal growth = BigDecimal.ONE.add(i).pow(termMonths, MC);
        return BigDecimal.valueOf(principalFen).multiply(i, MC).multiply(growth, MC)
                .divide(growth.subtract(BigDecimal.ONE), MC)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static RepaymentPlan equalInstalment(long principalFen, MonthlyRate rate, int n) {
        long annuity = annuityFen(principalFen, rate.annualRate(), n);
        // Rounding the payment up repays a little more principal each month; for tiny loans at high rates over
        // long terms that surplus compounds into repaying everything before the last period. Lowering the
        // payment a fen at a time (rare, and only there) keeps every amount non-negative and the payments equal.
        while (!repaysOnlyAtTheEnd(principalFen, rate, n, annuity)) {
            annuity--;
        }
        long payment = annuity;
        return build(principalFen, rate, n, (k, interest, left) -> k == n - 1 ? left : payment - interest);
    }

    /** True when paying {@code payment} still leaves principal (> 0) for the last period to repay. */
    private static boolean repaysOnlyAtTheEnd(long principalFen, MonthlyRate rate, int n, long payment) {
        long left = principalFen;
        for (int k = 0; k < n - 1; k++) {
            long principal = payment - rate.interestOn(left);
            if (principal >= left) {
                return false;
            }
            left -= Math.max(principal, 0);
        }
        return true;
    }

    private static RepaymentPlan equalPrincipal(long principalFen, MonthlyRate rate, int n) {
        long base = principalFen / n;
        long extra = principalFen % n;
        return build(principalFen, rate, n, (k, interest, left) -> base + (k < extra ? 1 : 0));
    }

    /** The principal repaid in period index {@code k} (0-based), given its interest and the principal left. */
    private interface PrincipalRule {
        long principal(int k, long interest, long left);
    }

    private static RepaymentPlan build(long principalFen, MonthlyRate rate, int n, PrincipalRule rule) {
        long[] pay = new long[n];
        long[] prin = new long[n];
        long[] intr = new long[n];
        long[] rem = new long[n];
        long left = principalFen;
        for (int k = 0; k < n; k++) {
            long interest = rate.interestOn(left);
            long principal = rule.principal(k, interest, left);
            left -= principal;
            pay[k] = principal + interest;
            prin[k] = principal;
            intr[k] = interest;
            rem[k] = left;
        }
        return new RepaymentPlan(principalFen, pay, prin, intr, rem);
    }
}
