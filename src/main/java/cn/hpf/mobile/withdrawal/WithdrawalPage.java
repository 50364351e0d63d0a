package cn.hpf.mobile.withdrawal;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WithdrawalPage", description = "Newest first; pass nextCursor as cursor for the next page (null: last page).")
public record WithdrawalPage(List<WithdrawalView> items, @Schema(examples = "czE6MTc2NDA0...") String nextCursor) {
}
