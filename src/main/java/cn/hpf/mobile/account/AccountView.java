package cn.hpf.mobile.account;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Account", description = "The member's HPF account. Money in fen (1 CNY = 100 fen).")
public record AccountView(
        @Schema(examples = "1") long memberId,
        @Schema(examples = "张伟") String name,
        @Schema(examples = "3301**********1234") String maskedIdNumber,
        @Schema(examples = "NORMAL") AccountStatus status,
        @Schema(description = "Sum of the ledger entries", examples = "5234500") long balanceFen,
        @Schema(description = "Balance minus holds of admitted withdrawals", examples = "5234500") long availableFen,
        @Schema(description = "Monthly deposit base 缴存基数", examples = "1200000") long depositBaseFen,
        @Schema(description = "Employer contribution rate as a fraction", examples = "0.12") BigDecimal employerRate,
        @Schema(description = "Member contribution rate as a fraction", examples = "0.12") BigDecimal memberRate,
        @Schema(description = "base × (employer rate + member rate)", examples = "288000") long monthlyDepositFen,
        @Schema(description = "Last month with a deposit (yyyy-MM)", examples = "2026-10") String lastDepositMonth) {

    public static AccountView of(AccountCache.CachedAccount cached) {
        AccountSnapshot s = cached.snapshot();
        return new AccountView(s.memberId(), s.name(), s.maskedIdNumber(), s.status(), s.balanceFen(),
                cached.availableFen(), s.depositBaseFen(), s.employerRate().stripTrailingZeros(),
                s.memberRate().stripTrailingZeros(), s.monthlyDepositFen(),
                s.lastDepositMonth() == null ? null : s.lastDepositMonth().toString().substring(0, 7));
    }
}
