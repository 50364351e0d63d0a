package cn.hpf.mobile.calculator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.ConcurrentHashMap;

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
        AnnuityFactors f = AnnuityFactors.of(annualRate, termMonths);
        return BigDecimal.valueOf(principalFen).multiply(f.i, MC).multiply(f.growth, MC)
                .divide(f.growthMinusOne, MC)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * i, (1+i)^n and (1+i)^n − 1 depend on the rate and the term only, and the 34-digit power was the largest
     * share of a calculator request; the rates in force and the terms are few, so they are kept. The same
     * roundings in the same order as computing them each time, so the payment is unchanged.
     */
    private record AnnuityFactors(BigDecimal i, BigDecimal growth, BigDecimal growthMinusOne) {

        private static final int LIMIT = 4096;
        private static final ConcurrentHashMap<Key, AnnuityFactors> KNOWN = new ConcurrentHashMap<>();

        private record Key(BigDecimal annualRate, int termMonths) {
        }

        static AnnuityFactors of(BigDecimal annualRate, int termMonths) {
            Key key = new Key(annualRate, termMonths);
            AnnuityFactors f = KNOWN.get(key);
            if (f == null) {
                BigDecimal i = annualRate.divide(TWELVE, MC);
                BigDecimal growth = BigDecimal.ONE.add(i).pow(termMonths, MC);
                f = new AnnuityFactors(i, growth, growth.subtract(BigDecimal.ONE));
                if (KNOWN.size() >= LIMIT) {
                    KNOWN.clear(); // arbitrary rates from the public route: bounded, and cheap to recompute
                }
                KNOWN.put(key, f);
            }
            return f;
        }
    }

    /**
     * The first and last payments and the total interest of {@link #plan}, without building the schedule: the
     * calculator's usual answer. Equal to what {@code plan(...)} gives (RepaymentEngineSummaryTest).
     */
    public static RepaymentSummary summary(long principalFen, BigDecimal annualRate, int termMonths,
                                           RepaymentMethod method) {
        if (principalFen <= 0 || termMonths <= 0 || annualRate.signum() <= 0) {
            throw new IllegalArgumentException("principal, rate and term must be positive");
        }
        MonthlyRate rate = new MonthlyRate(annualRate);
        if (method == RepaymentMethod.EQUAL_PRINCIPAL) {
            return equalPrincipalSummary(principalFen, rate, termMonths);
        }
        long annuity = annuityFen(principalFen, annualRate, termMonths);
        while (true) {
            RepaymentSummary s = equalInstalmentSummary(principalFen, rate, termMonths, annuity);
            if (s == NEGATIVE_PRINCIPAL) {
                return RepaymentSummary.of(plan(principalFen, annualRate, termMonths, method));
            }
            if (s != null) {
                return s;
            }
            annuity--;
        }
    }

    /** A period whose interest exceeds the payment: {@link #repaysOnlyAtTheEnd} and build differ, so plan() decides. */
    private static final RepaymentSummary NEGATIVE_PRINCIPAL = new RepaymentSummary(0, 0, 0, 0);

    /**
     * One pass doing what {@link #repaysOnlyAtTheEnd} and {@link #build} do in two: while no period's principal is
     * negative both walk the same remaining principal. Null when {@code payment} repays everything too early.
     */
    private static RepaymentSummary equalInstalmentSummary(long principalFen, MonthlyRate rate, int n, long payment) {
        long left = principalFen;
        long totalInterest = 0;
        long first = 0;
        for (int k = 0; k < n - 1; k++) {
            long interest = rate.interestOn(left);
            long principal = payment - interest;
            if (principal >= left) {
                return null;
            }
            if (principal < 0) {
                return NEGATIVE_PRINCIPAL;
            }
            if (k == 0) {
                first = payment;
            }
            left -= principal;
            totalInterest += interest;
        }
        long lastInterest = rate.interestOn(left);
        long last = left + lastInterest;
        return new RepaymentSummary(principalFen, n == 1 ? last : first, last, totalInterest + lastInterest);
    }

    private static RepaymentSummary equalPrincipalSummary(long principalFen, MonthlyRate rate, int n) {
        long base = principalFen / n;
        long extra = principalFen % n;
        long left = principalFen;
        long totalInterest = 0;
        long first = 0;
        long last = 0;
        for (int k = 0; k < n; k++) {
            long interest = rate.interestOn(left);
            long principal = base + (k < extra ? 1 : 0);
            left -= principal;
            totalInterest += interest;
            if (k == 0) {
                first = principal + interest;
            }
            last = principal + interest;
        }
        return new RepaymentSummary(principalFen, first, last, totalInterest);
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
