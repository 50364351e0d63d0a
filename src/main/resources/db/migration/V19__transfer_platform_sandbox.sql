-- The national transfer platform, as this centre hears it: the nonces of its signed callbacks, and the sandbox
-- platform's own state (what the platform and the other centres keep on their side), in PostgreSQL because several
-- replicas serve the sandbox.

-- Platform callback nonces already used, apart from the face provider's so that neither sender's retention or
-- nonces can affect the other's.
CREATE TABLE transfer_callback_nonce (
    nonce       TEXT PRIMARY KEY CHECK (length(nonce) BETWEEN 8 AND 128),
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX transfer_callback_nonce_received ON transfer_callback_nonce (received_at);

-- Sandbox: accounts at the other centres, which a transfer-in asks for. A confirmed transfer empties the account.
CREATE TABLE sandbox_transfer_account (
    centre_code TEXT        NOT NULL REFERENCES transfer_centre (code),
    account_no  TEXT        NOT NULL,
    id_number   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    balance_fen BIGINT      NOT NULL CHECK (balance_fen >= 0),
    frozen      BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (centre_code, account_no)
);

-- Sandbox: the platform's transfers. IN: one of our members asks for her balance at an origin centre (keyed by our
-- request id); OUT: another centre asks for one of our members' balance, with the outcome the destination will
-- report (CONFIRM or CANCEL) planned by whoever started it.
CREATE TABLE sandbox_transfer (
    transfer_id             TEXT PRIMARY KEY CHECK (transfer_id ~ '^NTP[0-9A-F]+$'),
    direction               TEXT        NOT NULL CHECK (direction IN ('IN', 'OUT')),
    request_id              UUID UNIQUE,
    origin_centre_code      TEXT        NOT NULL,
    origin_account_no       TEXT        NOT NULL,
    id_number               TEXT        NOT NULL,
    name                    TEXT,
    destination_centre_code TEXT        NOT NULL,
    destination_account_no  TEXT,
    amount_fen              BIGINT CHECK (amount_fen > 0),
    -- IN: SUBMITTED → CONFIRMED → SETTLED | REJECTED; OUT: REQUESTED → AGREED → CONFIRMED | CANCELLED, or REJECTED
    -- (we refused).
    state                   TEXT        NOT NULL CHECK (state IN ('SUBMITTED', 'CONFIRMED', 'SETTLED', 'REJECTED',
                                                                  'REQUESTED', 'AGREED', 'CANCELLED')),
    planned_outcome         TEXT CHECK (planned_outcome IN ('CONFIRM', 'CANCEL')),
    reason_code             TEXT,
    reason                  TEXT,
    -- OUT: our answer, kept to recognise a repeated one.
    our_answer              TEXT CHECK (our_answer IN ('AGREED', 'REFUSED')),
    our_amount_fen          BIGINT,
    our_reason_code         TEXT,
    our_reason              TEXT,
    answered_at             TIMESTAMPTZ,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT sandbox_transfer_request CHECK ((direction = 'IN') = (request_id IS NOT NULL)),
    CONSTRAINT sandbox_transfer_outcome CHECK ((direction = 'OUT') = (planned_outcome IS NOT NULL))
);

-- Sandbox: the platform's notifications to us, delivered by the courier (signed, through the callback handler) in
-- order per transfer, repeated with backoff until answered 2xx, abandoned on another 4xx.
CREATE TABLE sandbox_transfer_delivery (
    id           BIGSERIAL PRIMARY KEY,
    transfer_id  TEXT        NOT NULL REFERENCES sandbox_transfer (transfer_id),
    type         TEXT        NOT NULL,
    body         JSONB       NOT NULL,
    deliver_at   TIMESTAMPTZ NOT NULL,
    attempts     INT         NOT NULL DEFAULT 0,
    delivered_at TIMESTAMPTZ,
    gave_up_at   TIMESTAMPTZ,
    last_status  INT,
    locked_by    TEXT,
    locked_until TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_transfer_delivery_due ON sandbox_transfer_delivery (deliver_at)
    WHERE delivered_at IS NULL AND gave_up_at IS NULL;
CREATE INDEX sandbox_transfer_delivery_transfer ON sandbox_transfer_delivery (transfer_id, id);
