package cn.hpf.mobile.calculator;

import static cn.hpf.mobile.support.Seeded.between;
import static cn.hpf.mobile.support.Seeded.cases;

import java.math.BigDecimal;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class LoanQuotaCapacityPropertiesTest {

    @Test
    void capacityIsTheLargestPrincipalWhosePaymentFits() {
        cases("loan capacity", 300, r -> {
            long maxPaymentFen = between(r, 1_000L, 100_000_000L);
            BigDecimal rate = BigDecimal.valueOf(between(r, 1, 200_000), 6);
            int term = between(r, 1, 360);
            long p = LoanQuotaCalculator.capacity(maxPaymentFen, rate, term);
            String at = maxPaymentFen + " fen/month at " + rate + " over " + term;
            Assertions.assertTrue(RepaymentEngine.annuityFen(p, rate, term) <= maxPaymentFen, at + ": fits");
            Assertions.assertTrue(RepaymentEngine.annuityFen(p + 1, rate, term) > maxPaymentFen,
                    at + ": one fen more does not");
        });
    }
}
