package cn.hpf.mobile.calculator;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Assertions;

class LoanQuotaCapacityPropertiesTest {

    @Property(tries = 300)
    void capacityIsTheLargestPrincipalWhosePaymentFits(
            @ForAll @LongRange(min = 1_000, max = 100_000_000) long maxPaymentFen,
            @ForAll @IntRange(min = 1, max = 200_000) int rateMicros,
            @ForAll @IntRange(min = 1, max = 360) int term) {
        BigDecimal rate = BigDecimal.valueOf(rateMicros, 6);
        long p = LoanQuotaCalculator.capacity(maxPaymentFen, rate, term);
        Assertions.assertTrue(RepaymentEngine.annuityFen(p, rate, term) <= maxPaymentFen, "fits");
        Assertions.assertTrue(RepaymentEngine.annuityFen(p + 1, rate, term) > maxPaymentFen, "one fen more does not");
    }
}
