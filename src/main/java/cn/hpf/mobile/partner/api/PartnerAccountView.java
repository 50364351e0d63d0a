package cn.hpf.mobile.partner.api;

import cn.hpf.mobile.account.AccountStatus;
import cn.hpf.mobile.account.AccountView;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The member's account as a partner sees it: her openId, never a member id. */
@Schema(name = "PartnerAccount")
public record PartnerAccountView(
        @Schema(examples = "o_3n2Lk9QpR7vX1aB4cD5eF6gH") String openId,
        @Schema(examples = "张伟") String name,
        @Schema(examples = "3301**********1234") String maskedIdNumber,
        @Schema(examples = "NORMAL") AccountStatus status,
        @Schema(examples = "5234500") long balanceFen,
        @Schema(examples = "5234500") long availableFen,
        @Schema(examples = "1200000") long depositBaseFen,
        @Schema(examples = "0.12") BigDecimal employerRate,
        @Schema(examples = "0.12") BigDecimal memberRate,
        @Schema(examples = "288000") long monthlyDepositFen,
        @Schema(examples = "2026-10") String lastDepositMonth) {

    static PartnerAccountView of(AccountView v, String openId) {
        return new PartnerAccountView(openId, v.name(), v.maskedIdNumber(), v.status(), v.balanceFen(),
                v.availableFen(), v.depositBaseFen(), v.employerRate(), v.memberRate(), v.monthlyDepositFen(),
                v.lastDepositMonth());
    }
}
