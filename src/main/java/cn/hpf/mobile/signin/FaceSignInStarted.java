package cn.hpf.mobile.signin;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FaceSignInStarted", description = "A face sign-in (purpose SIGN_IN) opened at the face provider")
public record FaceSignInStarted(
        @Schema(description = "Send it to POST /v1/auth/sign-in/face/complete once the face check passed",
                examples = "0b6f1f9e-3c1a-4d55-9a4e-6f2d8c7b1a20") UUID verificationId,
        @Schema(description = "Where the provider's SDK runs the liveness check",
                examples = "https://face-sandbox.hpf-mobile.example/certify/sbx_5f0c3e") String certifyUrl,
        @Schema(description = "Seconds left to finish the face check", examples = "600") long expiresIn) {
}
