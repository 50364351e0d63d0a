package cn.hpf.mobile.ops.switches;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Both cluster switches as PostgreSQL has them. */
@Schema(name = "Switches")
public record Switches(
        @Schema(required = true) SwitchState admissions,
        @Schema(required = true) SwitchState payouts,
        @Schema(required = true, description = "Every replica's admissions follow a change within this many "
                + "milliseconds (its poll interval) plus one query; payout claims read the switch themselves",
                examples = "1000") long followedWithinMs) {
}
