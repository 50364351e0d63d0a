package cn.hpf.mobile.account;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * The account row as of one {@code version}. PostgreSQL bumps the version on every write, and Redis keeps the
 * copy with the highest version it has seen.
 */
public record AccountSnapshot(
        long memberId,
        String name,
        String maskedIdNumber,
        AccountStatus status,
        LocalDate statusSince,
        long balanceFen,
        long heldFen,
        long depositBaseFen,
        BigDecimal employerRate,
        BigDecimal memberRate,
        LocalDate lastDepositMonth,
        long version) {

    /** 缴存额 = base × employer rate + base × member rate, each part rounded half-up to the fen. */
    public long monthlyDepositFen() {
        return part(employerRate) + part(memberRate);
    }

    private long part(BigDecimal rate) {
        return BigDecimal.valueOf(depositBaseFen).multiply(rate).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
