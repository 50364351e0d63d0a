package cn.hpf.mobile.signin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CodeSignInRequest")
public record CodeSignInRequest(
        @NotBlank @Pattern(regexp = "^[0-9a-fA-F-]{36}$", message = "challengeId must be a UUID")
        @Schema(description = "From POST /v1/auth/sign-in/sms-code", examples = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b")
        String challengeId,
        @NotBlank @Pattern(regexp = "^[0-9]{6}$", message = "code must be 6 digits")
        @Schema(description = "The 6-digit code of the SMS", examples = "123456") String code) {
}
