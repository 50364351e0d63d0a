package cn.hpf.mobile.calculator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An annual rate applied monthly: interest = HALF_UP(principal × annualRate / 12), multiplying first and dividing
 * last. Kept as an exact fraction of longs so that a 360-period schedule allocates nothing per period.
 */
final class MonthlyRate {

    private final BigDecimal annualRate;
    private final long numerator;
    private final long denominator;
    private final boolean exactInLongs;

    MonthlyRate(BigDecimal annualRate) {
        this.annualRate = annualRate;
        BigDecimal r = annualRate.stripTrailingZeros();
        int scale = Math.max(r.scale(), 0);
        BigInteger unscaled = r.scale() < 0 ? r.toBigInteger() : r.unscaledValue();
        boolean small = scale <= 15 && unscaled.bitLength() <= 62;
        this.exactInLongs = small;
        this.numerator = small ? unscaled.longValueExact() : 0;
        this.denominator = small ? 12L * BigInteger.TEN.pow(scale).longValueExact() : 0;
    }

    BigDecimal annualRate() {
        return annualRate;
    }

    /** One month's interest on {@code principalFen}, rounded half up to the fen. */
    long interestOn(long principalFen) {
        long product = principalFen * numerator;
        if (exactInLongs && Math.multiplyHigh(principalFen, numerator) == 0 && product >= 0) {
            long q = product / denominator;
            long rem = product % denominator;
            return rem * 2 >= denominator ? q + 1 : q;
        }
        return BigDecimal.valueOf(principalFen).multiply(annualRate)
                .divide(BigDecimal.valueOf(12), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
