package cn.hpf.mobile.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of audit rows, newest first. */
@Schema(name = "AuditPage")
public record AuditPage(
        @Schema(required = true) List<AuditEntry> items,
        @Schema(description = "Pass as `cursor` for the next (older) page; absent on the last page", nullable = true)
        String nextCursor) {
}
