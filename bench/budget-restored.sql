-- bin/bench, after the refusal flood: today's budget rows back to what the day's withdrawals reserve (those not
-- FAILED that reach the bank), the sum the books reconciliation expects of them.
UPDATE payout_budget_shard b SET reserved_fen = coalesce((
    SELECT sum(w.amount_fen) FROM withdrawal w
    WHERE w.budget_day = b.budget_day AND w.budget_shard = b.shard
      AND w.status IN ('ACCEPTED', 'PAYING', 'PAID', 'RETURNED') AND NOT w.settled_internally), 0)
WHERE b.budget_day = (now() AT TIME ZONE 'Asia/Shanghai')::date;
