package cn.hpf.mobile.faceauth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FaceVerificationRequest")
public record FaceVerificationRequest(
        @Schema(required = true, description = "The action the verification will authorize", examples = "WITHDRAWAL")
        FacePurpose purpose) {
}
