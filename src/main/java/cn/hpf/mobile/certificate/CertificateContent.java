package cn.hpf.mobile.certificate;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a deposit certificate states, fixed at issue: the PDF and the verification are rendered from this and
 * never from the live account, so a certificate says the same thing every time it is downloaded or checked.
 * Months are {@code YYYY-MM}, the balance date {@code YYYY-MM-DD} (Asia/Shanghai).
 */
public record CertificateContent(
        String centreName,
        String centreNameEn,
        String memberName,
        String maskedIdNumber,
        String employerName,
        String accountStatus,
        long depositBaseFen,
        BigDecimal employerRate,
        BigDecimal memberRate,
        long monthlyDepositFen,
        List<MonthlyDeposit> deposits,
        long balanceFen,
        String balanceDate) {

    /** 汇缴 credited in one month: PAID with their sum, or NONE (nothing deposited that month). */
    public record MonthlyDeposit(String month, long amountFen, DepositStatus status) {
    }

    public enum DepositStatus { PAID, NONE }

    public long totalDepositedFen() {
        return deposits.stream().mapToLong(MonthlyDeposit::amountFen).sum();
    }

    public long monthsPaid() {
        return deposits.stream().filter(d -> d.status() == DepositStatus.PAID).count();
    }
}
