package cn.hpf.mobile.signin;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SmsCodeSent", description = "A one-time code was sent to the member's mobile number")
public record SmsCodeSent(
        @Schema(description = "Send it back with the code to POST /v1/auth/sign-in",
                examples = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b") UUID challengeId,
        @Schema(description = "Seconds the code stays valid", examples = "300") long expiresIn,
        @Schema(description = "Where the code went, masked", examples = "138****5678") String phone) {
}
