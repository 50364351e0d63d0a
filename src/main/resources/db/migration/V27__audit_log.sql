-- The audit log: one row per money action and per operator action, appended by the statement that takes the
-- action (a CTE of that statement), so the row exists exactly when the action committed. Refusals write nothing
-- here (logs and metrics count them). Append-only like the ledger; a sealing job chains the rows by hash in
-- batches afterwards (audit_seal), so no action waits on a "previous hash" row. Kept lean: the primary key and one
-- BRIN index on time are all a withdrawal pays for (two rows: admitted, then PAID or FAILED).
CREATE TABLE audit_log (
    id                   BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    -- The acting transaction's start (now()): the sealing job's safety margin is counted from it.
    at                   TIMESTAMPTZ NOT NULL DEFAULT now(),
    action               TEXT        NOT NULL,
    -- Who: member:<id>, partner:<app id>, an operator's token subject, system:<job>, platform:<centre>.
    actor                TEXT        NOT NULL,
    -- APP, MINI_PROGRAM, PARTNER, COUNTER, SYSTEM, PLATFORM, OPS.
    channel              TEXT        NOT NULL,
    app_id               TEXT,
    client_address       TEXT,
    member_id            BIGINT,
    face_verification_id UUID,
    amount_fen           BIGINT,
    -- What was acted on (a withdrawal, prepayment or transfer id, a switch, a statement day).
    target               TEXT,
    -- What came of it (ACCEPTED, PAID, FAILED, CREDITED, an operator action's outcome).
    result               TEXT,
    reason               TEXT,
    -- Whether the action changed anything (an operator pausing what is paused is audited, and changes nothing).
    changed              BOOLEAN     NOT NULL DEFAULT TRUE
);
CREATE INDEX audit_log_at ON audit_log USING brin (at);

-- Operators' actions so far move into the one audit table; operator_action stays as a view of them for readers.
INSERT INTO audit_log (at, action, actor, channel, target, reason, changed, result)
SELECT at, action, operator, 'OPS', target, reason, changed, outcome FROM operator_action ORDER BY id;
DROP TABLE operator_action;
DROP FUNCTION operator_action_append_only();
CREATE VIEW operator_action AS
    SELECT id, at, actor AS operator, action, target, reason, changed, result AS outcome
    FROM audit_log WHERE channel = 'OPS';

-- A seal: the next range of audit rows (first_id..last_id, every id of it, whatever its time), how many rows it
-- holds, the hash over their canonical text, the previous seal's hash and its own hash over all of these. Ids
-- follow one another (id = previous id + 1, first_id = previous last_id + 1): the primary key keeps two sealers
-- from both chaining from the same seal.
CREATE TABLE audit_seal (
    id            BIGINT PRIMARY KEY,
    first_id      BIGINT      NOT NULL,
    last_id       BIGINT      NOT NULL CHECK (last_id >= first_id),
    row_count     INT         NOT NULL,
    rows_hash     TEXT        NOT NULL,
    previous_hash TEXT        NOT NULL,
    hash          TEXT        NOT NULL,
    sealed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- A row's canonical text, what its seal hashes: every column, in this order, as a JSON array (time in microseconds
-- since the epoch, so the session's time zone cannot change it).
CREATE FUNCTION hpf_audit_row_text(a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_array(a.id, (extract(epoch FROM a.at) * 1000000)::bigint, a.action, a.actor, a.channel,
                             a.app_id, a.client_address, a.member_id, a.face_verification_id, a.amount_fen, a.target,
                             a.result, a.reason, a.changed)::text
$$;

-- A seal's own hash, over its fields and the previous seal's hash.
CREATE FUNCTION hpf_audit_seal_hash(id bigint, first_id bigint, last_id bigint, row_count int, rows_hash text,
                                    previous_hash text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws('|', id, first_id, last_id, row_count, rows_hash, previous_hash),
                                    'UTF8')), 'hex')
$$;
