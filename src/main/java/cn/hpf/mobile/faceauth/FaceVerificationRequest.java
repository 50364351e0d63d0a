package cn.hpf.mobile.faceauth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Enum fields arrive as text and are parsed by hand, so an unknown value is a 400 naming the field. */
@Schema(name = "FaceVerificationRequest")
public record FaceVerificationRequest(
        @Schema(required = true, enumeration = {"WITHDRAWAL", "PREPAYMENT"},
                description = "The action the verification will authorize", examples = "WITHDRAWAL")
        String purpose) {
}
