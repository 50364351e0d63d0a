-- Loan repayments in flight and the home purchase cap, guarded inside the admission statement.

-- LOAN_REPAYMENT withdrawals admitted but not yet PAID or FAILED: admission raises it only where the outstanding
-- principal still covers every one of them; the payout lowers it (and, when PAID, the outstanding principal with
-- it). While it is above zero no prepayment or monthly auto-transfer touches the loan, so nothing is repaid twice.
ALTER TABLE loan ADD COLUMN pending_repayment_fen BIGINT NOT NULL DEFAULT 0
    CONSTRAINT loan_pending_repayment_non_negative CHECK (pending_repayment_fen >= 0);
-- Existing open repayments (admitted before this migration) count as pending.
UPDATE loan l SET pending_repayment_fen = o.open_fen
FROM (SELECT loan_id, sum(amount_fen) AS open_fen FROM withdrawal
      WHERE category = 'LOAN_REPAYMENT' AND status IN ('ACCEPTED', 'PAYING') GROUP BY loan_id) o
WHERE l.id = o.loan_id;
ALTER TABLE loan ADD CONSTRAINT loan_pending_within_outstanding
    CHECK (outstanding_principal_fen - pending_repayment_fen >= 0);

-- PURCHASE withdrawals per home: used_fen = the home's withdrawals not FAILED; admission raises it only where
-- used + amount stays within cap_fen (the price minus the HPF loans taken for it, refreshed at each admission),
-- so concurrent withdrawals cannot both pass the cap. The payout's FAILED step lowers it.
CREATE TABLE home_purchase_cap (
    member_id  BIGINT      NOT NULL REFERENCES member (id),
    home_id    TEXT        NOT NULL,
    cap_fen    BIGINT      NOT NULL,
    used_fen   BIGINT      NOT NULL CHECK (used_fen >= 0),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, home_id)
);
