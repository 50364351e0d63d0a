package cn.hpf.mobile.partner.consent;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PartnerTokenRequest", description = "A consent's code (with its PKCE verifier), or a refresh token.")
public record TokenRequest(
        @Schema(enumeration = {"authorization_code", "refresh_token"}) String grantType,
        @Schema(description = "authorization_code: the code the member's consent gave") String code,
        @Schema(description = "authorization_code: the PKCE verifier the challenge was made from") String codeVerifier,
        @Schema(description = "refresh_token: the latest refresh token (each is spent by its use)") String refreshToken) {
}
