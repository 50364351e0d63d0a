package cn.hpf.mobile.signin;

import cn.hpf.mobile.common.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FaceSignInRequest")
public record FaceSignInRequest(
        @NotBlank @Size(max = 32) @Schema(description = "Member number, or the 18-character resident ID number",
                examples = "330100000002") String login,
        @NotNull @Schema(enumeration = {"APP", "MINI_PROGRAM"}, examples = "APP") Channel channel) {
}
