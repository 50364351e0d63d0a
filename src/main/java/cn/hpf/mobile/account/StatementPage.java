package cn.hpf.mobile.account;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StatementPage")
public record StatementPage(
        List<StatementEntry> items,
        @Schema(description = "Pass as `cursor` for the next (older) page; null on the last page",
                examples = "czE6MTc2MDQ5MzYwMDAwMDAwMDoxMDQy") String nextCursor) {
}
