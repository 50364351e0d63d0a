-- Withdrawal core tables shared by face verification, admission and payout.
-- Version plan for later migrations: V3 face verification extras, V4 admission (categories, budget),
-- V5 loans and calculator, V6 payout, V7+ whatever comes next.

CREATE TABLE face_verification (
    id             UUID PRIMARY KEY,
    member_id      BIGINT      NOT NULL REFERENCES member (id),
    purpose        TEXT        NOT NULL CHECK (purpose IN ('WITHDRAWAL', 'PREPAYMENT')),
    status         TEXT        NOT NULL CHECK (status IN ('PENDING', 'PASSED', 'FAILED', 'EXPIRED', 'CONSUMED')),
    provider_ref   TEXT        NOT NULL UNIQUE,
    certify_url    TEXT        NOT NULL,
    channel        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- PENDING sessions expire at expires_at; a PASSED one is usable until usable_until (passed_at + 5 min).
    expires_at     TIMESTAMPTZ NOT NULL,
    passed_at      TIMESTAMPTZ,
    usable_until   TIMESTAMPTZ,
    -- What consumed it ('withdrawal:<uuid>', 'prepayment:<uuid>'): unique, so a verification authorizes one action.
    consumed_by    TEXT UNIQUE,
    consumed_at    TIMESTAMPTZ,
    CONSTRAINT face_verification_consumed CHECK ((status = 'CONSUMED') = (consumed_by IS NOT NULL))
);
CREATE INDEX face_verification_member ON face_verification (member_id, created_at DESC);

CREATE TABLE withdrawal (
    id                   UUID PRIMARY KEY,
    member_id            BIGINT      NOT NULL REFERENCES member (id),
    category             TEXT        NOT NULL,
    amount_fen           BIGINT      NOT NULL CHECK (amount_fen > 0),
    -- Payee: the member's own card, or for LOAN_REPAYMENT the lending bank's loan account.
    bank_card_id         BIGINT REFERENCES bank_card (id),
    loan_id              BIGINT REFERENCES loan (id),
    face_verification_id UUID        NOT NULL UNIQUE REFERENCES face_verification (id),
    status               TEXT        NOT NULL CHECK (status IN ('ACCEPTED', 'PAYING', 'PAID', 'FAILED', 'RETURNED')),
    failure_code         TEXT,
    failure_reason       TEXT,
    -- Calendar period a per-period rule counts in (RENT: 'YYYY-MM', Asia/Shanghai), else NULL.
    period_key           TEXT,
    budget_day           DATE        NOT NULL,
    budget_shard         INT         NOT NULL DEFAULT 0,
    bank_reference       TEXT,
    channel              TEXT        NOT NULL,
    actor                TEXT        NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    paid_at              TIMESTAMPTZ,
    CONSTRAINT withdrawal_payee CHECK (bank_card_id IS NOT NULL OR loan_id IS NOT NULL)
);
CREATE INDEX withdrawal_member ON withdrawal (member_id, created_at DESC, id DESC);
CREATE INDEX withdrawal_open ON withdrawal (status) WHERE status IN ('ACCEPTED', 'PAYING');
-- At most one live withdrawal per member, category and period (RENT: once a month). FAILED ones do not count.
CREATE UNIQUE INDEX withdrawal_once_per_period ON withdrawal (member_id, category, period_key)
    WHERE period_key IS NOT NULL AND status <> 'FAILED';

-- Transactional outbox: written in the same statement as the withdrawal; the payout dispatcher drains it.
CREATE TABLE payout_outbox (
    withdrawal_id   UUID PRIMARY KEY REFERENCES withdrawal (id),
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INT         NOT NULL DEFAULT 0,
    locked_by       TEXT,
    locked_until    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX payout_outbox_due ON payout_outbox (next_attempt_at);

-- Accepted answers of idempotent operations, replayed byte for byte on a retry with the same key and body.
CREATE TABLE idempotency_record (
    member_id     BIGINT      NOT NULL,
    operation     TEXT        NOT NULL,
    idem_key      TEXT        NOT NULL CHECK (length(idem_key) BETWEEN 1 AND 255),
    request_hash  TEXT        NOT NULL,
    status_code   INT         NOT NULL,
    response_body TEXT        NOT NULL,
    resource_id   TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, operation, idem_key)
);
