package cn.hpf.mobile.calculator;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Assertions;

class RepaymentEnginePropertiesTest {

    @Provide
    Arbitrary<BigDecimal> rates() {
        // 0 < r ≤ 0.20 with up to 6 decimals, the precision a loan row stores.
        return Arbitraries.longs().between(1, 200_000).map(u -> BigDecimal.valueOf(u, 6));
    }

    @Property(tries = 400)
    void principalPartsSumToThePrincipalAndNothingIsNegative(
            @ForAll @LongRange(min = 100_000L, max = 10_000_000_000L) long principal,
            @ForAll("rates") BigDecimal rate, @ForAll @IntRange(min = 1, max = 360) int term,
            @ForAll RepaymentMethod method) {
        RepaymentPlan plan = RepaymentEngine.plan(principal, rate, term, method);
        long principalSum = 0;
        long interestSum = 0;
        long paymentSum = 0;
        long left = principal;
        for (int p = 1; p <= plan.periods(); p++) {
            SchedulePeriod s = plan.period(p);
            check(s.paymentFen() >= 0 && s.principalFen() >= 0 && s.interestFen() >= 0
                    && s.remainingPrincipalFen() >= 0, "negative amount in " + s);
            check(s.paymentFen() == s.principalFen() + s.interestFen(), "payment = principal + interest " + s);
            check(s.remainingPrincipalFen() == left - s.principalFen(), "remaining follows " + s);
            left = s.remainingPrincipalFen();
            principalSum += s.principalFen();
            interestSum += s.interestFen();
            paymentSum += s.paymentFen();
        }
        check(plan.periods() == term, "one period per month");
        check(principalSum == principal, "principal parts " + principalSum + " != " + principal);
        check(left == 0, "fully repaid");
        check(interestSum == plan.totalInterestFen(), "interest total");
        check(paymentSum == plan.totalPaymentFen(), "payment total");
    }

    @Property(tries = 400)
    void equalInstalmentPaymentsAreEqualExceptTheLast(
            @ForAll @LongRange(min = 100_000L, max = 10_000_000_000L) long principal,
            @ForAll("rates") BigDecimal rate, @ForAll @IntRange(min = 2, max = 360) int term) {
        RepaymentPlan plan = RepaymentEngine.plan(principal, rate, term, RepaymentMethod.EQUAL_INSTALMENT);
        for (int p = 2; p < term; p++) {
            check(plan.paymentFen(p) == plan.firstPaymentFen(), "period " + p + " differs");
        }
    }

    @Property(tries = 400)
    void equalPrincipalPaymentsNeverIncrease(
            @ForAll @LongRange(min = 100_000L, max = 10_000_000_000L) long principal,
            @ForAll("rates") BigDecimal rate, @ForAll @IntRange(min = 1, max = 360) int term) {
        RepaymentPlan plan = RepaymentEngine.plan(principal, rate, term, RepaymentMethod.EQUAL_PRINCIPAL);
        for (int p = 2; p <= term; p++) {
            check(plan.paymentFen(p) <= plan.paymentFen(p - 1), "period " + p + " increased");
            long diff = plan.principalFen(1) - plan.principalFen(p);
            check(diff == 0 || diff == 1, "principal parts differ by at most one fen");
        }
    }

    @Property(tries = 1000)
    void smallLoansAtHighRatesOverLongTermsStillRepayOnlyAtTheEnd(
            @ForAll @LongRange(min = 100_000L, max = 400_000L) long principal,
            @ForAll @IntRange(min = 150_000, max = 200_000) int rateMicros,
            @ForAll @IntRange(min = 300, max = 360) int term) {
        RepaymentPlan plan = RepaymentEngine.plan(principal, BigDecimal.valueOf(rateMicros, 6), term,
                RepaymentMethod.EQUAL_INSTALMENT);
        for (int p = 1; p < term; p++) {
            check(plan.remainingPrincipalFen(p) > 0 || p == term, "repaid early at " + p);
            check(plan.paymentFen(p) == plan.firstPaymentFen(), "unequal at " + p);
        }
        check(plan.lastPaymentFen() >= 0 && plan.remainingPrincipalFen(term) == 0, "ends repaid");
    }

    /** Found by CI: the principal reached exactly 0 one period early, leaving a last payment of 0 fen. */
    @Example
    void aLoanNeverEndsWithAnEmptyLastPeriod() {
        RepaymentPlan plan = RepaymentEngine.plan(102_462, new BigDecimal("0.150554"), 314,
                RepaymentMethod.EQUAL_INSTALMENT);
        check(plan.remainingPrincipalFen(313) > 0, "principal left for the last period");
        check(plan.principalFen(314) > 0 && plan.remainingPrincipalFen(314) == 0, "the last period repays it");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            Assertions.fail(message);
        }
    }
}
