package cn.hpf.mobile.loan;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PrepaymentQuoteRequest",
        description = "Either amountFen (提前部分还款) or full: true (提前结清). mode is required for a partial prepayment.")
public record PrepaymentQuoteRequest(
        @Schema(description = "Principal to repay early, 1 … outstanding", examples = "10000000") Long amountFen,
        @Schema(description = "Repay everything (the outstanding principal)", examples = "false") Boolean full,
        @Schema(examples = "SHORTEN_TERM") PrepaymentMode mode) {
}
