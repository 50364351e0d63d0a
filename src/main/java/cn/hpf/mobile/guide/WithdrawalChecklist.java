package cn.hpf.mobile.guide;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WithdrawalChecklist", description = "The one-time checklist (一次性告知) of every withdrawal, online or not")
public record WithdrawalChecklist(List<WithdrawalCard> items, Summary summary) {

    @Schema(name = "WithdrawalChecklistSummary", description = "What data sharing spared members, counted from the items")
    public record Summary(
            @Schema(description = "Withdrawals where another department's records replace a proof", examples = "8")
            int itemsCheckedByDataSharing,
            @Schema(description = "Kinds of proof no longer asked for because of data sharing", examples = "6")
            int proofKindsCheckedByDataSharing,
            @Schema(description = "Withdrawals that need nothing but the ID card", examples = "7")
            int itemsNeedingOnlyIdCard) {
    }
}
