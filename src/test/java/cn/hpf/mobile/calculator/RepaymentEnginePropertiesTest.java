package cn.hpf.mobile.calculator;

import static cn.hpf.mobile.support.Seeded.between;
import static cn.hpf.mobile.support.Seeded.cases;

import cn.hpf.mobile.support.Seeded;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The engine's invariants over seeded generated loans (principal, rate, term, method). */
class RepaymentEnginePropertiesTest {

    /** 0 < r ≤ 0.20 with up to 6 decimals, the precision a loan row stores. */
    private static BigDecimal rate(Random r) {
        return BigDecimal.valueOf(between(r, 1L, 200_000L), 6);
    }

    private static long principal(Random r) {
        return between(r, 100_000L, 10_000_000_000L);
    }

    @Test
    void principalPartsSumToThePrincipalAndNothingIsNegative() {
        cases("principal parts sum to the principal", 400, r -> {
            long principal = principal(r);
            BigDecimal rate = rate(r);
            int term = between(r, 1, 360);
            RepaymentMethod method = Seeded.oneOf(r, RepaymentMethod.class);
            RepaymentPlan plan = RepaymentEngine.plan(principal, rate, term, method);
            String loan = principal + " fen at " + rate + " over " + term + " months " + method;
            long principalSum = 0;
            long interestSum = 0;
            long paymentSum = 0;
            long left = principal;
            for (int p = 1; p <= plan.periods(); p++) {
                SchedulePeriod s = plan.period(p);
                check(s.paymentFen() >= 0 && s.principalFen() >= 0 && s.interestFen() >= 0
                        && s.remainingPrincipalFen() >= 0, loan + ": negative amount in " + s);
                check(s.paymentFen() == s.principalFen() + s.interestFen(), loan + ": payment = principal + interest " + s);
                check(s.remainingPrincipalFen() == left - s.principalFen(), loan + ": remaining follows " + s);
                left = s.remainingPrincipalFen();
                principalSum += s.principalFen();
                interestSum += s.interestFen();
                paymentSum += s.paymentFen();
            }
            check(plan.periods() == term, loan + ": one period per month");
            check(principalSum == principal, loan + ": principal parts " + principalSum);
            check(left == 0, loan + ": fully repaid");
            check(interestSum == plan.totalInterestFen(), loan + ": interest total");
            check(paymentSum == plan.totalPaymentFen(), loan + ": payment total");
        });
    }

    @Test
    void equalInstalmentPaymentsAreEqualExceptTheLast() {
        cases("equal instalments", 400, r -> {
            long principal = principal(r);
            BigDecimal rate = rate(r);
            int term = between(r, 2, 360);
            RepaymentPlan plan = RepaymentEngine.plan(principal, rate, term, RepaymentMethod.EQUAL_INSTALMENT);
            for (int p = 2; p < term; p++) {
                check(plan.paymentFen(p) == plan.firstPaymentFen(), principal + "/" + rate + "/" + term + ": period "
                        + p + " differs");
            }
        });
    }

    @Test
    void equalPrincipalPaymentsNeverIncrease() {
        cases("equal principal", 400, r -> {
            long principal = principal(r);
            BigDecimal rate = rate(r);
            int term = between(r, 1, 360);
            RepaymentPlan plan = RepaymentEngine.plan(principal, rate, term, RepaymentMethod.EQUAL_PRINCIPAL);
            for (int p = 2; p <= term; p++) {
                check(plan.paymentFen(p) <= plan.paymentFen(p - 1), "period " + p + " increased");
                long diff = plan.principalFen(1) - plan.principalFen(p);
                check(diff == 0 || diff == 1, "principal parts differ by at most one fen");
            }
        });
    }

    @Test
    void smallLoansAtHighRatesOverLongTermsStillRepayOnlyAtTheEnd() {
        cases("small loans, high rates, long terms", 1000, r -> {
            long principal = between(r, 100_000L, 400_000L);
            BigDecimal rate = BigDecimal.valueOf(between(r, 150_000, 200_000), 6);
            int term = between(r, 300, 360);
            RepaymentPlan plan = RepaymentEngine.plan(principal, rate, term, RepaymentMethod.EQUAL_INSTALMENT);
            for (int p = 1; p < term; p++) {
                check(plan.remainingPrincipalFen(p) > 0, principal + "/" + rate + "/" + term + ": repaid early at " + p);
                check(plan.paymentFen(p) == plan.firstPaymentFen(), "unequal at " + p);
            }
            check(plan.lastPaymentFen() >= 0 && plan.remainingPrincipalFen(term) == 0, "ends repaid");
        });
    }

    /** Found by CI: the principal reached exactly 0 one period early, leaving a last payment of 0 fen. */
    @Test
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
