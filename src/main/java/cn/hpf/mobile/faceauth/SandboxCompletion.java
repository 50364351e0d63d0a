package cn.hpf.mobile.faceauth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SandboxFaceCompletion")
public record SandboxCompletion(
        @Schema(required = true, description = "Result of the simulated liveness check", examples = "PASS")
        SandboxOutcome outcome) {
}
