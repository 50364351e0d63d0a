package cn.hpf.mobile.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The calculator's one-pass summary gives exactly the figures of the full schedule, edge cases included. */
class RepaymentEngineSummaryTest {

    @Test
    void summaryEqualsThePlanOverManyLoans() {
        Random r = new Random(17);
        for (int c = 0; c < 3000; c++) {
            long principal = CalculatorResource.MIN_PRINCIPAL_FEN
                    + (long) (r.nextDouble() * (CalculatorResource.MAX_PRINCIPAL_FEN - CalculatorResource.MIN_PRINCIPAL_FEN));
            BigDecimal rate = BigDecimal.valueOf(1 + r.nextInt(200_000), 6);
            int term = 1 + r.nextInt(360);
            assertSame(principal, rate, term);
        }
    }

    @Test
    void summaryEqualsThePlanForSmallLoansAtHighRatesOverLongTerms() {
        Random r = new Random(18);
        for (int c = 0; c < 1000; c++) {
            assertSame(100_000L + r.nextInt(300_001), BigDecimal.valueOf(150_000 + r.nextInt(50_001), 6),
                    300 + r.nextInt(61));
        }
        assertSame(102_462, new BigDecimal("0.150554"), 314);
        assertSame(100_000, new BigDecimal("0.2"), 360);
        assertSame(100_000, new BigDecimal("0.021"), 1);
        assertSame(CalculatorResource.MAX_PRINCIPAL_FEN, new BigDecimal("0.2"), 360);
        assertSame(CalculatorResource.MAX_PRINCIPAL_FEN, new BigDecimal("0.000001"), 1);
    }

    private static void assertSame(long principal, BigDecimal rate, int term) {
        for (RepaymentMethod m : RepaymentMethod.values()) {
            RepaymentPlan plan = RepaymentEngine.plan(principal, rate, term, m);
            assertThat(RepaymentEngine.summary(principal, rate, term, m))
                    .as("%s %d at %s over %d", m, principal, rate, term)
                    .isEqualTo(RepaymentSummary.of(plan));
        }
    }
}
