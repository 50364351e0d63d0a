-- Loans (贷款概览), monthly auto-transfer (按月转账), prepayment quotes and prepayments (提前还款).
--
-- A loan's remaining schedule is the engine's schedule of its current *plan*: plan_principal_fen over
-- plan_term_months, whose period 1 is the loan's period plan_base_period + 1. A new loan's plan is the contract
-- (NULL = principal_fen / term_months, base 0); a prepayment re-plans it. So the remaining schedule of an
-- untouched loan is exactly the calculator's schedule from period paid_periods + 1.
ALTER TABLE loan
    ADD COLUMN plan_principal_fen BIGINT CHECK (plan_principal_fen > 0),
    ADD COLUMN plan_term_months   INT CHECK (plan_term_months BETWEEN 1 AND 360),
    ADD COLUMN plan_base_period   INT NOT NULL DEFAULT 0 CHECK (plan_base_period >= 0),
    ADD COLUMN closed_at          TIMESTAMPTZ,
    ADD COLUMN updated_at         TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX loan_auto_transfer_active ON loan (id) WHERE auto_transfer AND status = 'ACTIVE';

-- Every instalment the monthly job draws, and every month it had to skip: one row per (loan, month). A PAID row
-- is written in the same statement as its ledger entry; a SKIPPED row can later turn PAID when a re-run succeeds.
CREATE TABLE loan_auto_transfer (
    loan_id         BIGINT      NOT NULL REFERENCES loan (id),
    month           TEXT        NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
    member_id       BIGINT      NOT NULL REFERENCES member (id),
    period          INT         NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('PAID', 'SKIPPED')),
    -- SKIPPED: INSUFFICIENT_BALANCE, LOAN_OVERDUE.
    reason          TEXT,
    amount_fen      BIGINT      NOT NULL CHECK (amount_fen >= 0),
    principal_fen   BIGINT      NOT NULL CHECK (principal_fen >= 0),
    interest_fen    BIGINT      NOT NULL CHECK (interest_fen >= 0),
    available_fen   BIGINT,
    attempts        INT         NOT NULL DEFAULT 1,
    ledger_entry_id BIGINT,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (loan_id, month),
    CONSTRAINT loan_auto_transfer_paid CHECK ((status = 'PAID') = (ledger_entry_id IS NOT NULL))
);
CREATE INDEX loan_auto_transfer_skipped ON loan_auto_transfer (month) WHERE status = 'SKIPPED';

-- A quote fixes the loan version it was computed on: any change to the loan (instalment, prepayment) makes it stale.
CREATE TABLE prepayment_quote (
    id                      UUID PRIMARY KEY,
    loan_id                 BIGINT      NOT NULL REFERENCES loan (id),
    member_id               BIGINT      NOT NULL REFERENCES member (id),
    loan_version            BIGINT      NOT NULL,
    amount_fen              BIGINT      NOT NULL CHECK (amount_fen > 0),
    full_repayment          BOOLEAN     NOT NULL,
    mode                    TEXT        NOT NULL CHECK (mode IN ('SHORTEN_TERM', 'REDUCE_PAYMENT')),
    outstanding_before_fen  BIGINT      NOT NULL,
    new_outstanding_fen     BIGINT      NOT NULL CHECK (new_outstanding_fen >= 0),
    new_monthly_payment_fen BIGINT      NOT NULL CHECK (new_monthly_payment_fen >= 0),
    new_remaining_months    INT         NOT NULL CHECK (new_remaining_months >= 0),
    interest_saved_fen      BIGINT      NOT NULL CHECK (interest_saved_fen >= 0),
    -- The new plan the prepayment installs (NULL for a full repayment, which closes the loan).
    new_plan_principal_fen  BIGINT,
    new_plan_term_months    INT,
    new_plan_base_period    INT,
    valid_until             TIMESTAMPTZ NOT NULL,
    channel                 TEXT        NOT NULL,
    actor                   TEXT        NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- 'prepayment:<uuid>' once used: a quote pays one prepayment only.
    used_by                 TEXT UNIQUE,
    used_at                 TIMESTAMPTZ,
    CONSTRAINT prepayment_quote_amount CHECK (amount_fen <= outstanding_before_fen)
);
CREATE INDEX prepayment_quote_loan ON prepayment_quote (loan_id, created_at DESC);

CREATE TABLE prepayment (
    id                   UUID PRIMARY KEY,
    loan_id              BIGINT      NOT NULL REFERENCES loan (id),
    member_id            BIGINT      NOT NULL REFERENCES member (id),
    quote_id             UUID        NOT NULL UNIQUE REFERENCES prepayment_quote (id),
    amount_fen           BIGINT      NOT NULL CHECK (amount_fen > 0),
    full_repayment       BOOLEAN     NOT NULL,
    mode                 TEXT        NOT NULL,
    source               TEXT        NOT NULL CHECK (source IN ('HPF_BALANCE', 'BANK_CARD')),
    bank_card_id         BIGINT REFERENCES bank_card (id),
    face_verification_id UUID        NOT NULL UNIQUE REFERENCES face_verification (id),
    -- HPF_BALANCE: the LOAN_REPAYMENT withdrawal row carries the same id, and the ledger reference is 'prepayment:<id>'.
    status               TEXT        NOT NULL CHECK (status IN ('PAID')),
    channel              TEXT        NOT NULL,
    actor                TEXT        NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT prepayment_card CHECK ((source = 'BANK_CARD') = (bank_card_id IS NOT NULL))
);
CREATE INDEX prepayment_loan ON prepayment (loan_id, created_at DESC);

-- Demo loans seeded before this migration: make their outstanding principal and overdue amount agree with the
-- engine's schedule (demo/loans.sql does the same for databases seeded after it). Guarded by the old values,
-- so real data is never touched.
UPDATE loan SET outstanding_principal_fen = 71756936, version = version + 1
WHERE id = 1 AND contract_no = 'HZGJJ-2021-000101' AND paid_periods = 53 AND outstanding_principal_fen = 73838125;
UPDATE loan SET outstanding_principal_fen = 50250000, overdue_amount_fen = 379813, version = version + 1
WHERE id = 2 AND contract_no = 'HZGJJ-2022-000206' AND paid_periods = 39 AND outstanding_principal_fen = 50000000;

-- Prepayments from the HPF balance are internal transfers to the centre's own loan: PAID at once, never sent to
-- a bank. Reconciliation compares only bank-settled withdrawals with the bank.
ALTER TABLE withdrawal ADD COLUMN settled_internally BOOLEAN NOT NULL DEFAULT FALSE;
