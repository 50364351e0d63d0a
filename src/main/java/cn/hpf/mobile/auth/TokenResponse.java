package cn.hpf.mobile.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenResponse")
public record TokenResponse(
        @Schema(description = "RS256 JWT to send as `Authorization: Bearer …`") String accessToken,
        @Schema(examples = "Bearer") String tokenType,
        @Schema(description = "Lifetime in seconds", examples = "900") long expiresIn,
        @Schema(description = "Opaque, single use: exchange it at POST /v1/auth/refresh for the next pair before it "
                + "expires. Presenting a used one again revokes the session.",
                examples = "fQk4mX0dM3pWJ1uTq8yZr2vN6cH9bLsA7eG5iKoYxDw") String refreshToken,
        @Schema(description = "Refresh token lifetime in seconds", examples = "2592000") long refreshExpiresIn) {
}
