package cn.hpf.mobile.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OperatorLoginRequest")
public record OperatorLoginRequest(
        @NotBlank @Size(max = 64) @Schema(examples = "ops") String username,
        @NotBlank @Size(max = 128) @Schema(examples = "Ops@2026") String password) {
}
