package cn.hpf.mobile.signin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FaceSignInCompletion")
public record FaceSignInCompletion(
        @NotBlank @Pattern(regexp = "^[0-9a-fA-F-]{36}$", message = "verificationId must be a UUID")
        @Schema(description = "From POST /v1/auth/sign-in/face", examples = "0b6f1f9e-3c1a-4d55-9a4e-6f2d8c7b1a20")
        String verificationId) {
}
