package cn.hpf.mobile.faceauth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SandboxFaceCompletion")
public record SandboxCompletion(
        @Schema(required = true, implementation = SandboxOutcome.class,
                description = "Result of the simulated liveness check", examples = "PASS")
        String outcome) {
}
