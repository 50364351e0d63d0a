/**
 * 贷款概览, 按月转账 and 提前还款.
 *
 * <p>Choices, in one place:
 * <ul>
 *   <li>Remaining schedule = the engine's schedule of the loan's current plan (V5 columns plan_principal_fen,
 *       plan_term_months, plan_base_period; NULL = the contract). Untouched loans therefore match the
 *       calculator period for period. Period k falls due on the last day of the k-th month after the start
 *       month. outstanding_principal_fen stays the stored truth; the demo loans' figures were corrected to the
 *       engine's (V5 for already-seeded databases, demo/loans.sql for fresh ones).</li>
 *   <li>nextInstalment is the first unpaid period that is not overdue; overdue periods are listed first in
 *       the schedule with status OVERDUE.</li>
 *   <li>按月转账 ({@link cn.hpf.mobile.loan.AutoTransferJob}): daily at 06:00 Asia/Shanghai
 *       ({@code hpf.loan.auto-transfer-cron}), draws the instalment due in the current month once per loan and
 *       month (ledger reference loan:&lt;id&gt;:&lt;yyyy-MM&gt;); short balance or overdue loan → SKIPPED row in
 *       loan_auto_transfer, a log line and {@code loan_auto_transfer_total{outcome}}.</li>
 *   <li>A LOAN_REPAYMENT withdrawal is pending on its loan (loan.pending_repayment_fen, V9) from admission until it
 *       is PAID or FAILED: all pending ones stay within the outstanding principal, and meanwhile prepayment quotes
 *       and prepayments answer LOAN_REPAYMENT_IN_PROGRESS and 按月转账 skips with that reason. When PAID it lowers
 *       the outstanding principal and re-plans the rest like a REDUCE_PAYMENT prepayment (closing at 0).</li>
 *   <li>Prepayment = principal only: no fee and no broken-period interest, so a full repayment is exactly the
 *       outstanding principal. A quote is valid 15 minutes ({@code hpf.loan.quote-ttl}) and only while the loan
 *       keeps the version it was computed on (an instalment or another prepayment makes it QUOTE_EXPIRED);
 *       it pays once (QUOTE_USED). BANK_CARD is sandbox-only until a collection port exists
 *       (SOURCE_NOT_AVAILABLE).</li>
 *   <li>SHORTEN_TERM re-plans over the fewest months whose first payment ≤ today's next instalment;
 *       REDUCE_PAYMENT over the same remaining months. Interest saved = remaining interest of the old plan minus
 *       that of the new one.</li>
 *   <li>Loans with overdue instalments cannot prepay (LOAN_OVERDUE); closed loans answer LOAN_CLOSED.</li>
 * </ul>
 */
package cn.hpf.mobile.loan;
