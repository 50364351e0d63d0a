package cn.hpf.mobile.certificate;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CertificateIssued", description = "A certificate issued: download it by id, verify it by its code")
public record CertificateIssued(
        @Schema(examples = "0b6f8a52-2a52-4e57-a7a1-5b8f3c1e9d20") UUID id,
        @Schema(description = "128 random bits, URL-safe; what the QR code carries and a third party checks",
                examples = "kq3V0m9xG2bZ4sT7uYw1aQ") String verificationCode,
        @Schema(description = "Until when the verification confirms it", examples = "2027-03-02T10:15:30+08:00")
        OffsetDateTime validUntil) {
}
