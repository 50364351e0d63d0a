-- The operators' daily statistics read withdrawals by admission time. BRIN: rows arrive in time order, so a few
-- block ranges per day find them, and the admission's insert pays next to nothing for it.
CREATE INDEX withdrawal_created_brin ON withdrawal USING brin (created_at);

-- Admissions refused (problem+json answers of POST /v1/withdrawals and the partner's withdrawal), by Asia/Shanghai
-- day and code. Each replica counts in memory and adds its counts here every few seconds: one upsert per code and
-- flush, not per refusal, so a storm of DAILY_BUDGET_EXHAUSTED never queues on one row.
CREATE TABLE refusal_count (
    day   DATE   NOT NULL,
    code  TEXT   NOT NULL,
    count BIGINT NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, code)
);

-- Each reconciliation's verdict, so the console can say when the books were last checked and whether they agreed.
CREATE TABLE reconciliation_run (
    id         BIGINT PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
    checked_at TIMESTAMPTZ NOT NULL,
    clean      BOOLEAN     NOT NULL,
    mismatches INT         NOT NULL
);
CREATE INDEX reconciliation_run_at ON reconciliation_run (checked_at DESC);
