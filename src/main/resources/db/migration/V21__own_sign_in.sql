-- The app's own sign-in where no identity provider is used: password + SMS one-time code, face sign-in, lockout.

-- The member's mobile number, where sign-in codes are sent (the centre's core system provides it).
ALTER TABLE member ADD COLUMN mobile TEXT CHECK (mobile ~ '^1[3-9][0-9]{9}$');
-- Sign-in by ID number (member number has its unique index already).
CREATE INDEX member_id_number ON member (id_number);

-- A face verification may now sign a member in (once, consumed_by 'sign-in:<id>').
ALTER TABLE face_verification DROP CONSTRAINT face_verification_purpose_check;
ALTER TABLE face_verification ADD CONSTRAINT face_verification_purpose_check
    CHECK (purpose IN ('WITHDRAWAL', 'PREPAYMENT', 'SIGN_IN'));

-- One SMS code sent after a right password. Only a keyed hash of the code is kept (HMAC-SHA256 with the server's
-- secret over id:code), so reading this table does not sign anyone in. OPEN → USED (signed in) | DEAD (too many
-- wrong codes, or the SMS could not be sent); expiry is read from expires_at.
CREATE TABLE sign_in_challenge (
    id              UUID PRIMARY KEY,
    member_id       BIGINT      NOT NULL REFERENCES member (id),
    channel         TEXT        NOT NULL CHECK (channel IN ('APP', 'MINI_PROGRAM')),
    code_hash       BYTEA       NOT NULL CHECK (length(code_hash) = 32),
    status          TEXT        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'USED', 'DEAD')),
    failed_attempts INT         NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    used_at         TIMESTAMPTZ
);
CREATE INDEX sign_in_challenge_created ON sign_in_challenge (created_at);

-- Rate limits and lockout, one row per member ('member:<id>') or per unknown login ('login:<keyed hash>', so that
-- an unknown login locks exactly like a member's and lockout does not reveal which logins exist). Each array holds
-- the moments still inside its window, so every limit is a sliding window decided under the row's lock: durable and
-- the same on every replica.
CREATE TABLE sign_in_guard (
    guard_key     TEXT PRIMARY KEY,
    failed_at     TIMESTAMPTZ[] NOT NULL DEFAULT '{}',
    code_sent_at  TIMESTAMPTZ[] NOT NULL DEFAULT '{}',
    face_start_at TIMESTAMPTZ[] NOT NULL DEFAULT '{}',
    locked_until  TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ   NOT NULL
);
CREATE INDEX sign_in_guard_updated ON sign_in_guard (updated_at);

-- Synthetic members get a mobile number too (13900000000 + their number), so load tests can sign in by SMS code.
CREATE OR REPLACE FUNCTION hpf_generate_members(p_first INT, p_count INT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    first_id BIGINT := 10000000 + p_first;
    last_id  BIGINT := 10000000 + p_first + p_count - 1;
    last_month DATE := (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - INTERVAL '1 month')::date;
    entries BIGINT;
BEGIN
    INSERT INTO member (id, member_no, name, id_number, birth_date, password_hash, synthetic, mobile)
    SELECT id, '8' || lpad((id - 10000000)::text, 11, '0'), '测试会员' || (id - 10000000),
           '3301' || lpad((id % 100000000)::text, 10, '0') || lpad((id % 10000)::text, 4, '0'),
           DATE '1970-01-01' + (id % 12000)::int,
           'pbkdf2-sha256$10000$aHBmLXN5bnRoZXRpYy0wMQ$hO26SoVzuSZV+kckRT2q1u/sn4XQqaIVXLIxkGafPNc', TRUE,
           '139' || lpad(((id - 10000000) % 100000000)::text, 8, '0')
    FROM generate_series(first_id, last_id) AS id
    ON CONFLICT DO NOTHING;

    INSERT INTO account (member_id, status, status_since, deposit_base_fen, employer_rate, member_rate,
                         last_deposit_month)
    SELECT id, 'NORMAL', DATE '2015-01-01' + (id % 3000)::int, 300000 + (id % 40) * 50000, 0.12, 0.12, last_month
    FROM generate_series(first_id, last_id) AS id
    ON CONFLICT DO NOTHING;

    INSERT INTO bank_card (id, member_id, bank_code, bank_name, masked_number, holder_name, real_time_payout)
    SELECT id, id, 'ICBC', '中国工商银行 ICBC', '6222 **** **** ' || lpad((id % 10000)::text, 4, '0'),
           '测试会员' || (id - 10000000), TRUE
    FROM generate_series(first_id, last_id) AS id
    ON CONFLICT DO NOTHING;

    entries := hpf_seed_history(first_id, last_id);
    RETURN entries;
END $$;

-- The sandbox SMS gateway's outbox (what a real gateway would deliver), read by GET /sandbox/sms/messages. In
-- PostgreSQL because several replicas serve the sandbox.
CREATE TABLE sandbox_sms_message (
    id      BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    mobile  TEXT        NOT NULL,
    text    TEXT        NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sandbox_sms_message_mobile ON sandbox_sms_message (mobile, id DESC);
