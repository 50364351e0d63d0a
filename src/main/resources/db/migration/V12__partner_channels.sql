-- Partner channels: platforms (Alipay-style) that act for members who consented, over a signed API, and receive
-- signed notifications of what happened to the money they moved.

-- A registered partner platform and what it may ask for.
CREATE TABLE channel_app (
    app_id                TEXT PRIMARY KEY CHECK (app_id ~ '^[A-Za-z0-9_-]{4,64}$'),
    name                  TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    notify_url            TEXT        NOT NULL,
    -- The one redirect a consent may go back to, compared exactly.
    redirect_uri          TEXT        NOT NULL,
    allowed_scopes        TEXT[]      NOT NULL,
    rate_limit_per_second INT         NOT NULL CHECK (rate_limit_per_second > 0),
    status                TEXT        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    -- The last sequence number given to one of its events (channel_event.sequence).
    last_sequence         BIGINT      NOT NULL DEFAULT 0,
    -- Since when Redis has remembered its nonces: a memory found missing after that was lost, not new.
    replay_memory_since   TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT channel_app_scopes CHECK (allowed_scopes <@ ARRAY['account', 'statements', 'withdrawal', 'loans',
                                                                  'calculator']::text[])
);

-- The partner's request-signing public keys. Several may be ACTIVE at once, so that a key rotates with overlap.
CREATE TABLE channel_key (
    app_id         TEXT        NOT NULL REFERENCES channel_app (app_id),
    key_id         TEXT        NOT NULL CHECK (key_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    public_key_pem TEXT        NOT NULL,
    status         TEXT        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'RETIRED')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at     TIMESTAMPTZ,
    PRIMARY KEY (app_id, key_id)
);

-- A member's consent: this app may act for her within these scopes until she revokes it.
CREATE TABLE channel_authorization (
    app_id     TEXT        NOT NULL REFERENCES channel_app (app_id),
    member_id  BIGINT      NOT NULL REFERENCES member (id),
    scopes     TEXT[]      NOT NULL,
    granted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ,
    PRIMARY KEY (app_id, member_id)
);
CREATE INDEX channel_authorization_member ON channel_authorization (member_id);

-- One-use consent codes, stored as SHA-256 hashes, bound to everything the consent said.
CREATE TABLE channel_grant (
    code_hash      BYTEA PRIMARY KEY,
    app_id         TEXT        NOT NULL REFERENCES channel_app (app_id),
    member_id      BIGINT      NOT NULL REFERENCES member (id),
    scopes         TEXT[]      NOT NULL,
    redirect_uri   TEXT        NOT NULL,
    code_challenge TEXT        NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ,
    -- The token family the code was exchanged for: a second use of the code revokes it.
    family         UUID
);
CREATE INDEX channel_grant_expiry ON channel_grant (expires_at);

-- Member tokens a partner holds (opaque, stored as SHA-256 hashes). A refresh token is spent by its use; using a
-- spent one again revokes its whole family.
CREATE TABLE channel_token (
    token_hash BYTEA PRIMARY KEY,
    kind       TEXT        NOT NULL CHECK (kind IN ('ACCESS', 'REFRESH')),
    family     UUID        NOT NULL,
    app_id     TEXT        NOT NULL REFERENCES channel_app (app_id),
    member_id  BIGINT      NOT NULL REFERENCES member (id),
    scopes     TEXT[]      NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    spent_at   TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX channel_token_family ON channel_token (family);
CREATE INDEX channel_token_member ON channel_token (app_id, member_id);
CREATE INDEX channel_token_expiry ON channel_token (expires_at);

-- Money actions through a partner: which app, and the partner's own idempotency key (unique per app).
ALTER TABLE withdrawal ADD COLUMN app_id TEXT REFERENCES channel_app (app_id);
ALTER TABLE withdrawal ADD COLUMN out_biz_no TEXT CHECK (out_biz_no ~ '^[A-Za-z0-9_-]{1,64}$');
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_partner CHECK ((out_biz_no IS NULL) OR (app_id IS NOT NULL));
CREATE UNIQUE INDEX withdrawal_out_biz_no ON withdrawal (app_id, out_biz_no) WHERE out_biz_no IS NOT NULL;
ALTER TABLE prepayment ADD COLUMN app_id TEXT REFERENCES channel_app (app_id);
ALTER TABLE prepayment ADD COLUMN out_biz_no TEXT CHECK (out_biz_no ~ '^[A-Za-z0-9_-]{1,64}$');
CREATE UNIQUE INDEX prepayment_out_biz_no ON prepayment (app_id, out_biz_no) WHERE out_biz_no IS NOT NULL;
ALTER TABLE ledger_entry ADD COLUMN app_id TEXT;
ALTER TABLE face_verification ADD COLUMN app_id TEXT REFERENCES channel_app (app_id);

-- What happened to money a partner moved, written in the same statement as the change itself. The sequencer then
-- numbers an app's events in order, under the app's row lock, so that a reader of the feed never finds a later
-- commit behind a number it has passed. Each numbered event is delivered to the app's notifyUrl at least once.
CREATE TABLE channel_event (
    event_id        UUID PRIMARY KEY,
    app_id          TEXT        NOT NULL REFERENCES channel_app (app_id),
    sequence        BIGINT,
    type            TEXT        NOT NULL CHECK (type IN ('withdrawal.status_changed', 'prepayment.status_changed')),
    entity_id       UUID        NOT NULL,
    data            JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    delivery_status TEXT        NOT NULL DEFAULT 'PENDING' CHECK (delivery_status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    locked_by       TEXT,
    locked_until    TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    UNIQUE (app_id, sequence)
);
CREATE INDEX channel_event_unsequenced ON channel_event (app_id, created_at) WHERE sequence IS NULL;
CREATE INDEX channel_event_due ON channel_event (next_attempt_at)
    WHERE delivery_status = 'PENDING' AND sequence IS NOT NULL;
CREATE INDEX channel_event_entity ON channel_event (entity_id, sequence);
CREATE INDEX channel_event_created ON channel_event (created_at);

-- Every delivery attempt, for the operators' delivery log.
CREATE TABLE channel_delivery_attempt (
    id           BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    event_id     UUID        NOT NULL REFERENCES channel_event (event_id) ON DELETE CASCADE,
    attempt      INT         NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL,
    http_status  INT,
    latency_ms   INT         NOT NULL,
    error        TEXT,
    instance     TEXT        NOT NULL
);
CREATE INDEX channel_delivery_attempt_event ON channel_delivery_attempt (event_id, attempt);
