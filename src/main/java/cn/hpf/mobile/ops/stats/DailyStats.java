package cn.hpf.mobile.ops.stats;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One Asia/Shanghai day's figures for the operators' console, all from PostgreSQL. */
@Schema(name = "DailyStats")
public record DailyStats(
        @Schema(required = true, examples = "2026-12-02") LocalDate date,
        @Schema(required = true) Withdrawals withdrawals,
        @Schema(description = "Online withdrawals (APP, MINI_PROGRAM, PARTNER) over all withdrawals of members "
                + "(online and COUNTER), 4 decimals; monthly auto-transfers (按月转账) are ledger entries, not "
                + "withdrawals, and SYSTEM withdrawals are left out. Null on a day without withdrawals",
                examples = "0.6494") BigDecimal onlineShare,
        @Schema(description = "The minute with the most admissions (the earliest of equals); null without any")
        PeakMinute peakMinute,
        @Schema(required = true) Latency payoutLatencyMs,
        @Schema(required = true, description = "Admissions refused that day, by code, most frequent first")
        List<CodeCount> refusalsByCode,
        @Schema(required = true, description = "Partner apps whose notifications of that day's events failed or are "
                + "being retried")
        List<FailingNotifications> notificationsFailing,
        @Schema(description = "The books' last reconciliation before the end of the day and the latest "
                + "reconciliation of that day's bank statement, together; null if neither ran")
        Reconciliation reconciliation) {

    @Schema(name = "DailyWithdrawals")
    public record Withdrawals(
            @Schema(required = true, description = "Withdrawals admitted that day, whatever became of them")
            long count,
            @Schema(required = true) long amountFen,
            @Schema(required = true, description = "Of them, paid by now (PAID, or RETURNED after)") long paidCount,
            @Schema(required = true) long paidFen,
            @Schema(required = true) long failedCount,
            @Schema(required = true) List<GroupCount> byCategory,
            @Schema(required = true) List<GroupCount> byChannel) {
    }

    @Schema(name = "DailyGroupCount")
    public record GroupCount(@Schema(required = true, examples = "RENT") String key,
                             @Schema(required = true) long count, @Schema(required = true) long amountFen) {
    }

    @Schema(name = "PeakMinute")
    public record PeakMinute(@Schema(required = true) OffsetDateTime at, @Schema(required = true) long count) {
    }

    @Schema(name = "PayoutLatency", description = "Admission to PAID, in milliseconds, of that day's withdrawals paid "
            + "by the bank (nearest-rank percentiles); nulls when none was paid")
    public record Latency(@Schema(required = true) long count, Long p50, Long p95, Long p99) {
    }

    @Schema(name = "CodeCount")
    public record CodeCount(@Schema(required = true, examples = "DAILY_BUDGET_EXHAUSTED") String code,
                            @Schema(required = true) long count) {
    }

    @Schema(name = "FailingNotifications")
    public record FailingNotifications(@Schema(required = true) String appId,
                                       @Schema(required = true, description = "Given up (FAILED)") long failed,
                                       @Schema(required = true, description = "Not delivered yet after attempts")
                                       long retrying) {
    }

    @Schema(name = "ReconciliationVerdict", description = "clean only when every check that ran is clean; "
            + "checkedAt the latest of them; mismatches their sum")
    public record Reconciliation(@Schema(required = true) boolean clean,
                                 @Schema(required = true) OffsetDateTime checkedAt,
                                 @Schema(required = true) int mismatches,
                                 @Schema(description = "The books (GET /v1/ops/reconciliation): the last run before "
                                         + "the end of the day; null if none") Check books,
                                 @Schema(description = "That day's bank statement (POST "
                                         + "/v1/ops/reconciliation/bank-statement): the latest run; null if none")
                                 Check bankStatement) {

        /** Both checks' verdict together, or null when neither ran. */
        static Reconciliation of(Check books, Check bankStatement) {
            if (books == null && bankStatement == null) {
                return null;
            }
            if (books == null || bankStatement == null) {
                Check only = books != null ? books : bankStatement;
                return new Reconciliation(only.clean(), only.checkedAt(), only.mismatches(), books, bankStatement);
            }
            OffsetDateTime latest = books.checkedAt().isAfter(bankStatement.checkedAt()) ? books.checkedAt()
                    : bankStatement.checkedAt();
            return new Reconciliation(books.clean() && bankStatement.clean(), latest,
                    books.mismatches() + bankStatement.mismatches(), books, bankStatement);
        }
    }

    @Schema(name = "ReconciliationCheck")
    public record Check(@Schema(required = true) boolean clean,
                        @Schema(required = true) OffsetDateTime checkedAt,
                        @Schema(required = true) int mismatches) {
    }
}
