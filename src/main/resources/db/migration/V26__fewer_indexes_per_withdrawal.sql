-- Every index a withdrawal's rows carry is written on each insert and each non-HOT update (the PAID update is never
-- HOT: its status is named by the unique once-per-period predicate). Three indexes guarded nothing that no other
-- structure guards and served no query:
--  * withdrawal_loan_open (loan_id, open withdrawals): no statement looks withdrawals up by loan. The repayments in
--    flight for a loan are kept on the loan row (loan.pending_repayment_fen) by the admission and payout statements,
--    and the foreign key to loan cannot use a partial index (loans are never deleted).
--  * withdrawal_budget (budget_day, budget_shard): the budget lives on payout_budget_shard, guarded in the admission
--    statement. The one query that groups withdrawals by shard, the operators' budget reconciliation, reads every
--    row anyway, by a sequential scan and a hash aggregate.
--  * face_verification_member (member_id, created_at): no statement lists a member's verifications; every one finds
--    a verification by id or provider_ref.
-- What stays, and what it guards:
--  * withdrawal: the primary key; withdrawal_once_per_period (unique: a once-a-month category once per period);
--    withdrawal_out_biz_no (unique: a partner's outBizNo once per app, its idempotency); withdrawal_member (a
--    member's history, the purchase cap's sum, the list route); withdrawal_open (the open withdrawals: stuck-row
--    checks, reconciliation, the waiting count); the BRIN indexes on created_at, paid_at and updated_at (the
--    statistics and the bank-statement reconciliation by time range).
--  * face_verification: the primary key; face_verification_consumed_by_key (unique: one verification authorizes one
--    withdrawal or one prepayment); face_verification_provider_ref_key (unique: the provider's callback finds its
--    verification); the two partial expiry indexes (the periodic expiry sweep).
DROP INDEX withdrawal_loan_open;
DROP INDEX withdrawal_budget;
DROP INDEX face_verification_member;
