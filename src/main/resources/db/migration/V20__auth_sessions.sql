-- Sign-in sessions and their refresh tokens. A session ("family") is opened by every sign-in; its access tokens
-- carry its id as the `sid` claim, and its refresh tokens rotate: each is used once, for the next pair. Revoking a
-- session (logout, or a used refresh token presented again) kills its refresh tokens here and its access tokens on
-- every replica through their revocation views, which poll for recently revoked sessions.
CREATE TABLE auth_session (
    id            UUID PRIMARY KEY,
    subject_kind  TEXT        NOT NULL CHECK (subject_kind IN ('MEMBER', 'OPERATOR')),
    subject_id    BIGINT      NOT NULL,
    login         TEXT        NOT NULL,
    channel       TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at    TIMESTAMPTZ,
    revoke_reason TEXT CHECK (revoke_reason IN ('LOGOUT', 'REFRESH_TOKEN_REUSED')),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);
-- The revocation views' poll: sessions revoked in the last seconds.
CREATE INDEX auth_session_revoked ON auth_session (revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX auth_session_subject ON auth_session (subject_kind, subject_id);

-- Only the SHA-256 of a refresh token is kept: a copy of this table signs nobody in.
CREATE TABLE refresh_token (
    token_hash BYTEA PRIMARY KEY CHECK (length(token_hash) = 32),
    session_id UUID        NOT NULL REFERENCES auth_session (id),
    issued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX refresh_token_session ON refresh_token (session_id);
