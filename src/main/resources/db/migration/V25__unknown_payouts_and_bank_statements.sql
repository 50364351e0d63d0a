-- Operators' actions on the bank side: the queue of payouts whose bank outcome is unknown, and the reconciliation
-- against the bank's daily statement file.

-- When the bank was first sent the order (the first lease of the row) and last asked about it (the last answer
-- that settled nothing); with last_error (the bank's last answer) they tell operators how long a payout has been
-- unknown. Rows leased before this version start counting at their next lease.
ALTER TABLE payout_outbox ADD COLUMN first_sent_at TIMESTAMPTZ;
ALTER TABLE payout_outbox ADD COLUMN last_asked_at TIMESTAMPTZ;

-- What an operator's action found (the bank's answer, a reconciliation's verdict); null for the switches.
ALTER TABLE operator_action ADD COLUMN outcome TEXT;

-- The sandbox bank can go silent: it still receives orders but every answer is lost (a timeout), so unknown
-- outcomes pile up for tests and demos. One row, shared by every replica.
CREATE TABLE sandbox_bank_mode (
    id     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    silent BOOLEAN NOT NULL DEFAULT FALSE
);
INSERT INTO sandbox_bank_mode DEFAULT VALUES;

-- Each reconciliation of a day's bank statement with the centre's withdrawals, written whole in one statement
-- (never half), with the mismatches it found. The latest per day is the verdict.
CREATE TABLE bank_statement_run (
    id                  BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    statement_date      DATE        NOT NULL,
    checked_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    checked_by          TEXT        NOT NULL,
    clean               BOOLEAN     NOT NULL,
    statement_lines     INT         NOT NULL,
    statement_total_fen BIGINT      NOT NULL,
    centre_count        INT         NOT NULL,
    centre_total_fen    BIGINT      NOT NULL,
    mismatch_count      INT         NOT NULL,
    -- [{kind, withdrawalId, centreAmountFen, bankAmountFen, centreStatus, bankStatus}], at most a bounded number
    -- per kind (mismatch_count counts them all).
    mismatches          JSONB       NOT NULL
);
CREATE INDEX bank_statement_run_date ON bank_statement_run (statement_date, checked_at DESC);

-- A day's finished payouts, found by when they finished: paid (paid_at) or refused (updated_at of a FAILED row).
-- BRIN, like created_at: rows finish roughly in the order they were written, and the status change that sets
-- these columns is no HOT update anyway.
CREATE INDEX withdrawal_paid_brin ON withdrawal USING brin (paid_at);
CREATE INDEX withdrawal_updated_brin ON withdrawal USING brin (updated_at);
