package cn.hpf.mobile.ops;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One disagreement between two records that must agree. Amounts in fen unless the kind says otherwise. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ReconciliationMismatch")
public record Mismatch(
        @Schema(examples = "ACCOUNT_BALANCE_VS_LEDGER", enumeration = {
                "ACCOUNT_BALANCE_VS_LEDGER", "ACCOUNT_HELD_VS_OPEN_WITHDRAWALS", "WITHDRAWAL_VS_LEDGER",
                "RETURN_VS_LEDGER", "WITHDRAWAL_VS_BANK", "REDIS_AHEAD_OF_POSTGRES", "REDIS_DIFFERS_AT_SAME_VERSION",
                "STUCK_WITHDRAWAL", "BOOKS", "PAID_TOTAL_VS_LEDGER", "PAID_TOTAL_VS_BANK", "BUDGET_VS_WITHDRAWALS",
                "BUDGET_EXCEEDED", "REDIS_STALE_HOLD", "REDIS_BUDGET_DRIFT", "TRANSFER_IN_VS_LEDGER",
                "TRANSFER_OUT_VS_LEDGER", "STUCK_TRANSFER"}) String kind,
        @Schema(examples = "2") Long memberId,
        @Schema(description = "The withdrawal concerned (for STUCK_TRANSFER: the transfer between cities)",
                examples = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID withdrawalId,
        @Schema(description = "What the authoritative side says", examples = "5234500") long expected,
        @Schema(description = "What the checked side says", examples = "5034500") long actual,
        @Schema(examples = "balance: account row vs sum of ledger entries") String detail) {
}
