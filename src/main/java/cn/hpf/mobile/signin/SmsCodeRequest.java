package cn.hpf.mobile.signin;

import cn.hpf.mobile.common.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SmsCodeRequest")
public record SmsCodeRequest(
        @NotBlank @Size(max = 32) @Schema(description = "Member number, or the 18-character resident ID number",
                examples = "330100000002") String login,
        @NotBlank @Size(max = 128) @Schema(examples = "Demo@2026") String password,
        @NotNull @Schema(enumeration = {"APP", "MINI_PROGRAM"}, examples = "APP") Channel channel) {
}
