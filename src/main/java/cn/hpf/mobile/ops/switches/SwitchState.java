package cn.hpf.mobile.ops.switches;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One switch as PostgreSQL has it, with who changed it last, when and why. */
@Schema(name = "SwitchState")
public record SwitchState(
        @Schema(required = true, examples = "ADMISSIONS") ClusterSwitch name,
        @Schema(required = true) boolean paused,
        @Schema(description = "The operator who last changed it (token subject); null if never changed",
                examples = "operator:1") String changedBy,
        @Schema(description = "When it was last changed; null if never changed") OffsetDateTime changedAt,
        @Schema(description = "The reason given with the last change", examples = "bank maintenance window")
        String reason) {

    static SwitchState open(ClusterSwitch name) {
        return new SwitchState(name, false, null, null, null);
    }
}
