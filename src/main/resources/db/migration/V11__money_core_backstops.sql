-- The money core when Redis forgets: every limit Redis enforces gets a PostgreSQL backstop guarded inside the
-- statement that spends it, and the withdrawal's state machine is one table that every writer obeys.

-- 1. The day's payout budget. Its terms (amount and shards) are fixed once per Asia/Shanghai day, by the first
--    replica that admits on it, from its configuration: every shard's share derives from them, so replicas whose
--    configuration differs (a rolling deploy) cannot together pass the day's budget. A change applies the next day.
CREATE TABLE payout_budget_day (
    budget_day DATE PRIMARY KEY,
    -- NULL only until the first replica that admits on the day fixes it (a day this migration fixed the shards of).
    budget_fen BIGINT CHECK (budget_fen >= 0),
    shards     INT    NOT NULL CHECK (shards > 0),
    fixed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A shard's share of the day's budget; shard 0 also takes the remainder. DailyBudget.BudgetTerms is the same rule.
CREATE FUNCTION hpf_shard_limit(budget_fen BIGINT, shards INT, shard INT) RETURNS BIGINT
    LANGUAGE sql IMMUTABLE AS $$
    SELECT budget_fen / shards + CASE WHEN shard = 0 THEN budget_fen % shards ELSE 0 END
$$;

--    One row per day and shard, like the Redis counters, raised by the admission statement only where it stays
--    within the shard's share and lowered by the FAILED step. Redis only filters in front of it, so nothing Redis
--    loses can let the day's paid and in-flight total pass the budget. Several rows, so no single hot row (the old
--    payout_budget row serialised every admission).
CREATE TABLE payout_budget_shard (
    budget_day   DATE   NOT NULL,
    shard        INT    NOT NULL CHECK (shard >= 0),
    -- Sum of the shard's withdrawals that are not FAILED and reach the bank (internally settled prepayments never do).
    reserved_fen BIGINT NOT NULL CHECK (reserved_fen >= 0),
    -- The shard's share of its day's budget: every raise keeps reserved_fen within it.
    limit_fen    BIGINT NOT NULL,
    PRIMARY KEY (budget_day, shard),
    CONSTRAINT payout_budget_shard_within_limit CHECK (reserved_fen <= limit_fen)
);
-- Today's withdrawals so far sit on the shards the previous release chose, and its PostgreSQL-only path put them
-- all on shard 0: today is fixed as one shard holding all of them, so that the rest of today is counted against
-- the whole budget once (the first replica fills in the amount). Earlier days only keep their totals.
UPDATE withdrawal SET budget_shard = 0
WHERE budget_day >= (now() AT TIME ZONE 'Asia/Shanghai')::date AND budget_shard <> 0;
INSERT INTO payout_budget_shard (budget_day, shard, reserved_fen, limit_fen)
SELECT budget_day, budget_shard, sum(amount_fen), sum(amount_fen) FROM withdrawal
WHERE status <> 'FAILED' AND NOT settled_internally
GROUP BY budget_day, budget_shard;
INSERT INTO payout_budget_day (budget_day, budget_fen, shards)
SELECT DISTINCT budget_day, NULL::bigint, 1 FROM payout_budget_shard
WHERE budget_day >= (now() AT TIME ZONE 'Asia/Shanghai')::date;
DROP TABLE payout_budget;
DROP TABLE payout_budget_return;

-- 2. Monthly-cap categories (RENT) accrue a month's cap for each month since the last withdrawal of the category.
--    The month of that withdrawal lives on one row per member and category, consumed by the admission statement
--    under the row's lock: two requests either side of midnight cannot both find twelve months accrued.
--    NULL: no withdrawal of the category counts any more; the accrual runs from the account's status date.
CREATE TABLE withdrawal_accrual (
    member_id  BIGINT NOT NULL REFERENCES member (id),
    category   TEXT   NOT NULL REFERENCES withdrawal_category (code),
    last_month DATE CHECK (last_month = date_trunc('month', last_month)::date),
    PRIMARY KEY (member_id, category)
);
INSERT INTO withdrawal_accrual (member_id, category, last_month)
SELECT w.member_id, w.category, max(date_trunc('month', w.created_at AT TIME ZONE 'Asia/Shanghai'))::date
FROM withdrawal w JOIN withdrawal_category c ON c.code = w.category
WHERE c.monthly_cap_fen IS NOT NULL AND w.status NOT IN ('FAILED', 'RETURNED')
GROUP BY w.member_id, w.category;

-- Whole months from the month of `since` to the month of `until` (both first days of their months).
CREATE FUNCTION hpf_months_between(since DATE, until DATE) RETURNS INT LANGUAGE sql IMMUTABLE AS $$
    SELECT ((extract(year FROM until) - extract(year FROM since)) * 12
            + extract(month FROM until) - extract(month FROM since))::int
$$;

-- A returned payout gives its month back like a failed one: the member never received the money.
DROP INDEX withdrawal_once_per_period;
CREATE UNIQUE INDEX withdrawal_once_per_period ON withdrawal (member_id, category, period_key)
    WHERE period_key IS NOT NULL AND status NOT IN ('FAILED', 'RETURNED');

-- 3. The withdrawal's allowed transitions, in one table. WithdrawalStatus in Java is the same table (a test compares
--    them); the trigger refuses any other change, whichever writer attempts it.
CREATE TABLE withdrawal_transition (
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    PRIMARY KEY (from_status, to_status)
);
INSERT INTO withdrawal_transition (from_status, to_status) VALUES
    ('ACCEPTED', 'PAYING'), ('ACCEPTED', 'PAID'), ('ACCEPTED', 'FAILED'),
    ('PAYING', 'PAID'), ('PAYING', 'FAILED'),
    ('PAID', 'RETURNED');

CREATE FUNCTION withdrawal_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
            SELECT 1 FROM withdrawal_transition t WHERE t.from_status = OLD.status AND t.to_status = NEW.status) THEN
        RAISE EXCEPTION 'withdrawal % may not move from % to %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'HPF02';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER withdrawal_status_transition BEFORE UPDATE OF status ON withdrawal
    FOR EACH ROW EXECUTE FUNCTION withdrawal_status_transition();

-- 4. Refusals raised inside money statements, by code (the Java catalogue cn.hpf.mobile.common.Refusal names every
--    one of them). Rolls the whole statement back.
CREATE FUNCTION hpf_refused(code TEXT) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'HPF01', MESSAGE = code;
END $$;
DROP FUNCTION hpf_admission_refused(TEXT);

-- An invariant a money statement relies on, checked inside it: when broken, the whole statement rolls back loudly
-- instead of committing half of what it meant to (SQLSTATE HPF03; never a member's refusal).
CREATE FUNCTION hpf_must(holds BOOLEAN, what TEXT) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF holds IS NOT TRUE THEN
        RAISE EXCEPTION 'invariant broken: %', what USING ERRCODE = 'HPF03';
    END IF;
    RETURN TRUE;
END $$;

-- The payout steps read the category's rules (which category closes the account): a withdrawal names a category
-- that exists, for as long as the withdrawal exists.
ALTER TABLE withdrawal ADD CONSTRAINT withdrawal_category_fkey FOREIGN KEY (category) REFERENCES withdrawal_category (code);

-- 5. Scheduled jobs whose work must happen once per cluster, not once per replica: the first replica to claim a
--    job's scheduled fire time runs it, the others skip it.
CREATE TABLE job_run (
    job        TEXT        NOT NULL,
    fire_time  TIMESTAMPTZ NOT NULL,
    instance   TEXT        NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job, fire_time)
);
