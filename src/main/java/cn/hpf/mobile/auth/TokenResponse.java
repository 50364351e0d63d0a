package cn.hpf.mobile.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenResponse")
public record TokenResponse(
        @Schema(description = "RS256 JWT to send as `Authorization: Bearer …`") String accessToken,
        @Schema(examples = "Bearer") String tokenType,
        @Schema(description = "Lifetime in seconds", examples = "900") long expiresIn) {
}
