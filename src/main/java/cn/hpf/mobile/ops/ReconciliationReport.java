package cn.hpf.mobile.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReconciliationReport", description = "Ledger vs accounts vs withdrawals vs bank vs Redis")
public record ReconciliationReport(
        @Schema(examples = "2026-11-25T04:31:07Z") Instant checkedAt,
        @Schema(description = "True when no mismatch was found", examples = "true") boolean clean,
        Totals totals,
        List<Mismatch> mismatches) {

    /** Sums in fen (outflows as positive amounts); counts where the name says so. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ReconciliationTotals")
    public record Totals(
            @Schema(examples = "120000000") long depositsFen,
            @Schema(examples = "0") long supplementaryDepositsFen,
            @Schema(examples = "1500000") long interestFen,
            @Schema(description = "TRANSFER_IN entries: balances transferred in from other centres",
                    examples = "20000000") long transfersInFen,
            @Schema(description = "TRANSFER_OUT entries: balances transferred to other centres", examples = "0")
            long transfersOutFen,
            @Schema(description = "RETURNED entries: payouts the bank sent back", examples = "0") long returnedFen,
            @Schema(description = "WITHDRAWAL entries", examples = "3000000") long withdrawalsFen,
            @Schema(description = "LOAN_AUTO_TRANSFER entries", examples = "0") long autoTransfersFen,
            @Schema(description = "Sum of account balances", examples = "138500000") long balancesFen,
            @Schema(description = "Sum of account holds", examples = "200000") long heldFen,
            @Schema(description = "Withdrawals PAID or RETURNED", examples = "3000000") long withdrawalsPaidFen,
            @Schema(description = "Of those, paid out through the bank (prepayments from the HPF balance are "
                    + "internal transfers)", examples = "3000000") long withdrawalsPaidByBankFen,
            @Schema(description = "Withdrawals ACCEPTED or PAYING", examples = "200000") long withdrawalsOpenFen,
            @Schema(description = "Sandbox bank only: settled payments of finished withdrawals", examples = "3000000")
            Long bankPaidFen,
            @Schema(examples = "0") long stuckWithdrawals,
            @Schema(description = "Redis account copies compared", examples = "8") long redisAccountsChecked,
            @Schema(description = "Redis copies at an older version (a refill or the next publish fixes them)",
                    examples = "0") long redisAccountsBehind) {
    }
}
