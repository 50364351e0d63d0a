package cn.hpf.mobile.ops.switches;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of a pause or resume. */
@Schema(name = "SwitchChange")
public record SwitchChange(
        @Schema(description = "Why, for the audit trail and the console (at most 500 characters)",
                maxLength = 500, examples = "bank maintenance window 22:00–22:30") String reason) {
}
