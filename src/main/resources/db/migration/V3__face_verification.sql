-- Face verification extras: expiry sweeps, durable callback nonces, sandbox provider sessions.

-- The expiry job touches only live rows; these partial indexes keep it cheap however large the history grows.
CREATE INDEX face_verification_pending_expiry ON face_verification (expires_at) WHERE status = 'PENDING';
CREATE INDEX face_verification_passed_expiry ON face_verification (usable_until) WHERE status = 'PASSED';

-- Every accepted provider callback nonce. Kept in PostgreSQL, not Redis, so that flushing Redis cannot reopen a
-- replay window; rows older than the timestamp window (plus margin) are pruned, since their timestamp alone
-- already gets a replay rejected.
CREATE TABLE face_callback_nonce (
    nonce       TEXT PRIMARY KEY CHECK (length(nonce) BETWEEN 8 AND 128),
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX face_callback_nonce_received ON face_callback_nonce (received_at);

-- The sandbox face provider's own state (what a real provider keeps on its side): one liveness session per
-- verification and its final outcome. In PostgreSQL because several replicas serve the sandbox.
CREATE TABLE sandbox_face_session (
    provider_ref    TEXT PRIMARY KEY,
    verification_id UUID        NOT NULL UNIQUE,
    outcome         TEXT CHECK (outcome IN ('PASS', 'FAIL')),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at    TIMESTAMPTZ
);
