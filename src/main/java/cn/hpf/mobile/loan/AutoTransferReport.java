package cn.hpf.mobile.loan;

import java.time.YearMonth;

/** What one run of the 按月转账 job did for a month. */
public record AutoTransferReport(YearMonth month, int paid, int skippedInsufficientBalance, int skippedOverdue,
                                 int nothingDue, int skippedRepaymentInProgress) {
}
