package cn.hpf.mobile.certificate;

import cn.hpf.mobile.common.Zones;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What anyone holding a certificate's code may see: enough to check the paper against the centre's record (who,
 * which employer, which months, how much, the balance stated), and nothing that identifies the member beyond the
 * paper itself (no full name or ID number, no member number, phone or cards).
 */
@Schema(name = "CertificateVerification", description = "A genuine certificate, as the centre issued it")
public record CertificateVerification(
        @Schema(description = "Always true: an unknown or expired code is 404", examples = "true") boolean authentic,
        @Schema(examples = "DEPOSIT") String type,
        @Schema(examples = "杭州住房公积金管理中心萧山分中心") String issuer,
        @Schema(description = "Family name kept, the rest masked", examples = "张*") String memberName,
        @Schema(examples = "3301**********1234") String maskedIdNumber,
        @Schema(examples = "浙江钱江世纪城建设工程有限公司") String employer,
        @Schema(enumeration = {"NORMAL", "SEALED", "FROZEN", "CLOSED"}, examples = "NORMAL") String accountStatus,
        @Schema(examples = "2025-12") String periodFrom,
        @Schema(examples = "2026-11") String periodTo,
        @Schema(description = "The 汇缴 deposits per month of the period, as stated") List<Deposit> deposits,
        @Schema(description = "The balance stated, in fen", examples = "5234500") long balanceFen,
        @Schema(description = "The day of that balance", examples = "2026-12-02") String balanceDate,
        @Schema(examples = "2026-12-02T10:15:30+08:00") OffsetDateTime issuedAt,
        @Schema(examples = "2027-03-02T10:15:30+08:00") OffsetDateTime validUntil) {

    @Schema(name = "CertificateDeposit")
    public record Deposit(
            @Schema(examples = "2026-11") String month,
            @Schema(examples = "288000") long amountFen,
            @Schema(enumeration = {"PAID", "NONE"}, examples = "PAID") String status) {
    }

    static CertificateVerification of(DepositCertificate c) {
        CertificateContent s = c.content;
        return new CertificateVerification(true, c.type, s.centreName(), maskName(s.memberName()),
                s.maskedIdNumber(), s.employerName(), s.accountStatus(), s.deposits().get(0).month(),
                s.deposits().get(s.deposits().size() - 1).month(),
                s.deposits().stream().map(d -> new Deposit(d.month(), d.amountFen(), d.status().name())).toList(),
                s.balanceFen(), s.balanceDate(), shanghai(c.issuedAt), shanghai(c.validUntil));
    }

    /** 张伟 → 张*, 欧阳娜娜 → 欧***: the family name a landlord compares with the ID shown to him, no more. */
    static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    private static OffsetDateTime shanghai(OffsetDateTime at) {
        return at.atZoneSameInstant(Zones.SHANGHAI).toOffsetDateTime();
    }
}
