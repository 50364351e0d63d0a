package cn.hpf.mobile.ops.statement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A day's bank statement compared with the centre's withdrawals that finished that day. */
@Schema(name = "BankStatementReconciliation")
public record BankStatementReconciliation(
        @Schema(required = true, examples = "2026-12-02") LocalDate date,
        @Schema(required = true, description = "True when the statement and the centre agree line for line",
                examples = "true") boolean clean,
        @Schema(required = true) OffsetDateTime checkedAt,
        @Schema(required = true, description = "The operator who ran it (token subject)", examples = "operator:1")
        String checkedBy,
        @Schema(required = true) Statement statement,
        @Schema(required = true) Centre centre,
        @Schema(required = true, description = "All mismatches found (the list stops at "
                + "hpf.reconciliation.max-per-kind of each kind)", examples = "0") int mismatchCount,
        @Schema(required = true) List<Mismatch> mismatches) {

    @Schema(name = "BankStatementTotals", description = "What the bank's file says")
    public record Statement(@Schema(required = true, examples = "42") int lines,
                            @Schema(required = true, description = "Sum of every line's amount, paid or refused",
                                    examples = "1234500") long totalFen) {
    }

    @Schema(name = "BankStatementCentreTotals", description = "The centre's withdrawals paid through the bank that "
            + "finished that Asia/Shanghai day: PAID or RETURNED by when paid, FAILED by when refused")
    public record Centre(@Schema(required = true, examples = "42") int count,
                         @Schema(required = true, examples = "1234500") long totalFen) {
    }

    @Schema(name = "BankStatementMismatch")
    public record Mismatch(
            @Schema(required = true, enumeration = {"MISSING_AT_BANK", "UNKNOWN_TO_CENTRE", "AMOUNT_DIFFERS",
                    "STATUS_DIFFERS"}, description = "MISSING_AT_BANK: the centre finished it that day, the "
                    + "statement does not list it; UNKNOWN_TO_CENTRE: listed, but the centre has no such withdrawal; "
                    + "AMOUNT_DIFFERS; STATUS_DIFFERS: PAID on the statement agrees with PAID or RETURNED, "
                    + "REJECTED with FAILED, anything else differs (a PAYING one is an unknown outcome the bank "
                    + "settled)", examples = "STATUS_DIFFERS") String kind,
            @Schema(required = true, examples = "0f8fad5b-d9cb-469f-a165-70867728950e") UUID withdrawalId,
            @Schema(description = "Null when the centre has no such withdrawal", examples = "1234500")
            Long centreAmountFen,
            @Schema(description = "Null when the statement does not list it", examples = "1234500") Long bankAmountFen,
            @Schema(description = "As members see it (PAYING from the first send); null when unknown to the centre",
                    examples = "PAYING") String centreStatus,
            @Schema(description = "PAID or REJECTED; null when missing at the bank", examples = "PAID")
            String bankStatus) {
    }
}
