package cn.hpf.mobile.faceauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "FaceVerification", description = "A face verification session (刷脸认证) and its state")
public record FaceVerificationView(
        @Schema(examples = "0b6f1f9e-3c1a-4d55-9a4e-6f2d8c7b1a20") UUID id,
        @Schema(examples = "WITHDRAWAL") FacePurpose purpose,
        @Schema(examples = "PENDING") FaceStatus status,
        @Schema(description = "Where the provider's SDK runs the liveness check",
                examples = "https://face-sandbox.hpf-mobile.example/certify/sbx_5f0c3e") String certifyUrl,
        @Schema(description = "Deadline to finish the liveness check", examples = "2026-11-25T20:55:00+08:00")
        OffsetDateTime expiresAt,
        @Schema(description = "When the provider reported a pass", examples = "2026-11-25T20:46:10+08:00")
        OffsetDateTime passedAt,
        @Schema(description = "A passed verification authorizes one action until then (passedAt + 5 min)",
                examples = "2026-11-25T20:51:10+08:00") OffsetDateTime usableUntil) {

    public static FaceVerificationView of(FaceVerification v, OffsetDateTime now) {
        // A verification another platform certified has no session of ours to open.
        String certifyUrl = v.certifyUrl() == null || v.certifyUrl().isEmpty() ? null : v.certifyUrl();
        return new FaceVerificationView(v.id(), v.purpose(), v.statusAt(now), certifyUrl, v.expiresAt(),
                v.passedAt(), v.usableUntil());
    }
}
