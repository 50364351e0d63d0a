package cn.hpf.mobile.auth;

import cn.hpf.mobile.common.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "LoginRequest")
public record LoginRequest(
        @NotBlank @Size(max = 32) @Schema(examples = "330100000001") String memberNo,
        @NotBlank @Size(max = 128) @Schema(examples = "Demo@2026") String password,
        @NotNull @Schema(enumeration = {"APP", "MINI_PROGRAM"}, examples = "APP") Channel channel) {
}
