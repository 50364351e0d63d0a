-- Cluster-wide switches operators pause and resume (admissions, payouts): one row each, the truth every replica
-- reads (admission polls it, the payout claim reads it in its own statement). Who changed it last, when and why
-- are kept on the row for the console; the full history is operator_action.
CREATE TABLE ops_switch (
    name       TEXT PRIMARY KEY CHECK (name IN ('ADMISSIONS', 'PAYOUTS')),
    paused     BOOLEAN     NOT NULL DEFAULT FALSE,
    changed_by TEXT,
    changed_at TIMESTAMPTZ,
    reason     TEXT
);
INSERT INTO ops_switch (name) VALUES ('ADMISSIONS'), ('PAYOUTS');

-- Every operator action, in the order taken: who (the operator's token subject), when, what, on what, why, and
-- whether it changed anything (pausing what is paused already changes nothing but is still recorded).
CREATE TABLE operator_action (
    id       BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    operator TEXT        NOT NULL,
    action   TEXT        NOT NULL,
    target   TEXT        NOT NULL,
    reason   TEXT,
    changed  BOOLEAN     NOT NULL
);
CREATE INDEX operator_action_at ON operator_action (at DESC, id DESC);

-- The audit is append-only, like the ledger: an action taken stays taken.
CREATE FUNCTION operator_action_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'operator_action is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER operator_action_no_update BEFORE UPDATE OR DELETE ON operator_action
    FOR EACH ROW EXECUTE FUNCTION operator_action_append_only();
CREATE TRIGGER operator_action_no_truncate BEFORE TRUNCATE ON operator_action
    FOR EACH STATEMENT EXECUTE FUNCTION operator_action_append_only();
