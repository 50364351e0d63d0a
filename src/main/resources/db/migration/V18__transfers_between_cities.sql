-- Transfers between cities (异地转移接续) through the national transfer platform: a member who moved here asks for
-- her balance at the origin centre (transfer_in), another centre asks for one of our members' balance
-- (transfer_out). The money rules are the withdrawal's: a transfer-out holds the whole available balance under the
-- same guards, posts once on the platform's confirmation and closes the account by the same rule; a transfer-in is
-- credited once, keyed by the platform's transfer id.

ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_type_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_type_check CHECK (type IN (
    'DEPOSIT', 'SUPPLEMENTARY_DEPOSIT', 'INTEREST', 'WITHDRAWAL', 'TRANSFER_IN', 'TRANSFER_OUT', 'LOAN_AUTO_TRANSFER',
    'RETURNED'));
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_sign;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_sign CHECK (
    (type IN ('WITHDRAWAL', 'TRANSFER_OUT', 'LOAN_AUTO_TRANSFER') AND amount_fen < 0)
    OR (type NOT IN ('WITHDRAWAL', 'TRANSFER_OUT', 'LOAN_AUTO_TRANSFER') AND amount_fen > 0));

-- The centres on the platform, by their administrative division code; ours is the one marked own.
CREATE TABLE transfer_centre (
    code    TEXT PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name_zh TEXT    NOT NULL,
    name_en TEXT    NOT NULL,
    own     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX transfer_centre_own ON transfer_centre (own) WHERE own;
INSERT INTO transfer_centre (code, name_zh, name_en, own) VALUES
    ('330109', '杭州住房公积金管理中心萧山分中心', 'Hangzhou HPF Centre, Xiaoshan branch', TRUE),
    ('330100', '杭州住房公积金管理中心',           'Hangzhou HPF Centre',                 FALSE),
    ('330200', '宁波市住房公积金管理中心',         'Ningbo HPF Centre',                   FALSE),
    ('310000', '上海市公积金管理中心',             'Shanghai HPF Centre',                 FALSE),
    ('110000', '北京住房公积金管理中心',           'Beijing HPF Centre',                  FALSE),
    ('320100', '南京住房公积金管理中心',           'Nanjing HPF Centre',                  FALSE),
    ('440300', '深圳市住房公积金管理中心',         'Shenzhen HPF Centre',                 FALSE),
    ('510100', '成都住房公积金管理中心',           'Chengdu HPF Centre',                  FALSE),
    ('420100', '武汉住房公积金管理中心',           'Wuhan HPF Centre',                    FALSE),
    ('340100', '合肥住房公积金管理中心',           'Hefei HPF Centre',                    FALSE);

-- A member who moved here asks for her balance at the origin centre. REQUESTED → CONFIRMED (the origin agreed,
-- with the amount) → CREDITED (its TRANSFER_IN entry, reference = platform_transfer_id) | REJECTED (with reason).
CREATE TABLE transfer_in (
    id                   UUID PRIMARY KEY,
    member_id            BIGINT      NOT NULL REFERENCES member (id),
    origin_centre_code   TEXT        NOT NULL REFERENCES transfer_centre (code),
    origin_account_no    TEXT        NOT NULL,
    status               TEXT        NOT NULL CHECK (status IN ('REQUESTED', 'CONFIRMED', 'CREDITED', 'REJECTED')),
    -- Assigned by the platform when it takes the request (or named by its first callback).
    platform_transfer_id TEXT UNIQUE,
    amount_fen           BIGINT CHECK (amount_fen > 0),
    reason_code          TEXT,
    reason               TEXT,
    ledger_entry_id      BIGINT,
    channel              TEXT        NOT NULL,
    actor                TEXT        NOT NULL,
    app_id               TEXT,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    submitted_at         TIMESTAMPTZ,
    confirmed_at         TIMESTAMPTZ,
    finished_at          TIMESTAMPTZ,
    CONSTRAINT transfer_in_amount_known CHECK (status NOT IN ('CONFIRMED', 'CREDITED') OR amount_fen IS NOT NULL),
    CONSTRAINT transfer_in_credited_entry CHECK ((status = 'CREDITED') = (ledger_entry_id IS NOT NULL)),
    CONSTRAINT transfer_in_rejected_reason CHECK (status <> 'REJECTED' OR reason_code IS NOT NULL)
);
-- One open transfer-in per origin account and member.
CREATE UNIQUE INDEX transfer_in_one_open ON transfer_in (member_id, origin_centre_code, origin_account_no)
    WHERE status IN ('REQUESTED', 'CONFIRMED');
CREATE INDEX transfer_in_member ON transfer_in (member_id, created_at DESC, id DESC);
-- What still has to reach the platform.
CREATE INDEX transfer_in_unsubmitted ON transfer_in (created_at) WHERE platform_transfer_id IS NULL
    AND status = 'REQUESTED';

-- Another centre asks, through the platform, for one of our members' balance: a two-phase debit. HELD (the whole
-- available balance held as a withdrawal would be) → POSTED (its TRANSFER_OUT entry; the account closes by the
-- closing rule) | VOIDED (the hold given back); REFUSED when the admission guards said no (nothing held).
CREATE TABLE transfer_out (
    id                       UUID PRIMARY KEY,
    platform_transfer_id     TEXT        NOT NULL UNIQUE,
    member_id                BIGINT      NOT NULL REFERENCES member (id),
    destination_centre_code  TEXT        NOT NULL,
    destination_account_no   TEXT,
    status                   TEXT        NOT NULL CHECK (status IN ('HELD', 'POSTED', 'VOIDED', 'REFUSED')),
    amount_fen               BIGINT      NOT NULL CHECK (amount_fen >= 0),
    reason_code              TEXT,
    reason                   TEXT,
    ledger_entry_id          BIGINT,
    created_at               TIMESTAMPTZ NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL,
    finished_at              TIMESTAMPTZ,
    -- When the platform took our answer (CONFIRM with the amount, or REJECT): until then it is sent again.
    answered_at              TIMESTAMPTZ,
    CONSTRAINT transfer_out_posted_entry CHECK ((status = 'POSTED') = (ledger_entry_id IS NOT NULL)),
    CONSTRAINT transfer_out_held_amount CHECK (status = 'REFUSED' OR amount_fen > 0),
    CONSTRAINT transfer_out_refused_reason CHECK (status <> 'REFUSED' OR reason_code IS NOT NULL)
);
CREATE INDEX transfer_out_member ON transfer_out (member_id, created_at DESC, id DESC);
CREATE INDEX transfer_out_unanswered ON transfer_out (created_at) WHERE answered_at IS NULL;
CREATE INDEX transfer_out_held ON transfer_out (member_id) WHERE status = 'HELD';

-- The transfers' allowed transitions, one table each, as for withdrawals: TransferInStatus and TransferOutStatus in
-- Java are the same tables (a test compares them); the trigger refuses any other change, whichever writer attempts it.
CREATE TABLE transfer_transition (
    direction   TEXT NOT NULL CHECK (direction IN ('IN', 'OUT')),
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    PRIMARY KEY (direction, from_status, to_status)
);
INSERT INTO transfer_transition (direction, from_status, to_status) VALUES
    ('IN', 'REQUESTED', 'CONFIRMED'), ('IN', 'REQUESTED', 'REJECTED'),
    ('IN', 'CONFIRMED', 'CREDITED'), ('IN', 'CONFIRMED', 'REJECTED'),
    ('OUT', 'HELD', 'POSTED'), ('OUT', 'HELD', 'VOIDED');

CREATE FUNCTION transfer_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
            SELECT 1 FROM transfer_transition t
            WHERE t.direction = TG_ARGV[0] AND t.from_status = OLD.status AND t.to_status = NEW.status) THEN
        RAISE EXCEPTION 'transfer % may not move from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'HPF02';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER transfer_in_status_transition BEFORE UPDATE OF status ON transfer_in
    FOR EACH ROW EXECUTE FUNCTION transfer_status_transition('IN');
CREATE TRIGGER transfer_out_status_transition BEFORE UPDATE OF status ON transfer_out
    FOR EACH ROW EXECUTE FUNCTION transfer_status_transition('OUT');
