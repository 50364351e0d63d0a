-- Payout: the dispatcher's bookkeeping and the sandbox bank's own state.

ALTER TABLE withdrawal ADD COLUMN returned_at TIMESTAMPTZ;
ALTER TABLE withdrawal ADD COLUMN return_reason TEXT;

-- Why the last attempt did not finish (timeout, bank processing, error): for operators, never for logic.
ALTER TABLE payout_outbox ADD COLUMN last_error TEXT;
-- Recovery reclaims leases that expired; the lease index keeps that cheap.
CREATE INDEX payout_outbox_lease ON payout_outbox (locked_until) WHERE locked_until IS NOT NULL;

-- The sandbox bank keeps its books in PostgreSQL so that every replica sees the same payments.
-- One row per withdrawal id (the bank's idempotency key): a second pay with the same id never pays twice.
CREATE TABLE sandbox_bank_payment (
    withdrawal_id  UUID PRIMARY KEY,
    amount_fen     BIGINT      NOT NULL CHECK (amount_fen > 0),
    payee          TEXT        NOT NULL,
    -- Decided when the order arrives, visible to queries from settles_at on (asynchronous confirmation).
    outcome        TEXT        NOT NULL CHECK (outcome IN ('PAID', 'REJECTED')),
    reason_code    TEXT,
    bank_reference TEXT        NOT NULL UNIQUE,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    settles_at     TIMESTAMPTZ NOT NULL,
    pay_calls      INT         NOT NULL DEFAULT 1,
    query_calls    INT         NOT NULL DEFAULT 0,
    returned_at    TIMESTAMPTZ,
    return_reason  TEXT,
    CONSTRAINT sandbox_bank_payment_reason CHECK ((outcome = 'REJECTED') = (reason_code IS NOT NULL))
);

-- Deterministic outcomes for tests and demos: a scripted withdrawal gets this outcome instead of a random one,
-- and its first `timeouts` calls (pay or query) are answered with a timeout.
CREATE TABLE sandbox_bank_script (
    withdrawal_id UUID PRIMARY KEY,
    outcome       TEXT NOT NULL CHECK (outcome IN ('PAID', 'REJECTED')),
    reason_code   TEXT,
    timeouts      INT  NOT NULL DEFAULT 0 CHECK (timeouts >= 0),
    CONSTRAINT sandbox_bank_script_reason CHECK ((outcome = 'REJECTED') = (reason_code IS NOT NULL))
);
