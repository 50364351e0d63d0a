package cn.hpf.mobile.auth;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LogoutRequest")
public record LogoutRequest(
        @Size(max = 128) @Schema(description = "The session's refresh token, when the client holds one (optional: "
                + "the access token names the session already)") String refreshToken) {
}
