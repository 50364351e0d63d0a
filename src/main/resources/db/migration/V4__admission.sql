-- Withdrawal admission: categories as data, the PostgreSQL-only daily budget, sandbox data-sharing facts.

-- One row per withdrawal category (提取类别). Read on every request (cached in memory for a few seconds) and by
-- the service guide (一次性告知): conditions, limits, materials and which proofs data sharing checks instead of paper.
CREATE TABLE withdrawal_category (
    code                  TEXT PRIMARY KEY,
    name_zh               TEXT    NOT NULL,
    name_en               TEXT    NOT NULL,
    description_zh        TEXT    NOT NULL,
    description_en        TEXT    NOT NULL,
    -- Account statuses the category allows (FROZEN and CLOSED never withdraw).
    allowed_statuses      TEXT[]  NOT NULL,
    -- The whole available balance only: amountFen must equal availableFen.
    whole_balance         BOOLEAN NOT NULL DEFAULT FALSE,
    payee_type            TEXT    NOT NULL CHECK (payee_type IN ('CARD', 'LOAN_ACCOUNT')),
    -- Eligibility condition checked by data sharing or on our own records.
    condition             TEXT    NOT NULL CHECK (condition IN ('NONE', 'NO_HOME_IN_CITY', 'RETIREMENT_AGE',
                                                                'PURCHASE_CONTRACT', 'OWN_HPF_LOAN',
                                                                'MIN_LIVING_ALLOWANCE', 'SEALED_NO_DEPOSITS_ELSEWHERE')),
    -- RETIREMENT_AGE: minimum age; SEALED_NO_DEPOSITS_ELSEWHERE: months sealed; PURCHASE_CONTRACT: months since signing.
    condition_value       INT,
    refused_with_loan     BOOLEAN NOT NULL DEFAULT FALSE,
    -- Monthly cap rule (RENT): at most monthly_cap_fen per month elapsed since the last withdrawal of the
    -- category (or since the account status began), counting at most cap_accrual_months months.
    monthly_cap_fen       BIGINT CHECK (monthly_cap_fen > 0),
    cap_accrual_months    INT CHECK (cap_accrual_months > 0),
    once_per_month        BOOLEAN NOT NULL DEFAULT FALSE,
    -- The payout of this category closes the account (RETIREMENT): read by the payout when it posts PAID.
    closes_account        BOOLEAN NOT NULL DEFAULT FALSE,
    -- Materials a counter would ask for, and which of them data sharing now checks instead of paper.
    materials             JSONB   NOT NULL DEFAULT '[]',
    data_sharing_proofs   JSONB   NOT NULL DEFAULT '[]',
    sort_order            INT     NOT NULL DEFAULT 0,
    enabled               BOOLEAN NOT NULL DEFAULT TRUE,
    CONSTRAINT withdrawal_category_cap CHECK ((monthly_cap_fen IS NULL) = (cap_accrual_months IS NULL))
);

INSERT INTO withdrawal_category (code, name_zh, name_en, description_zh, description_en, allowed_statuses,
                                 whole_balance, payee_type, condition, condition_value, refused_with_loan,
                                 monthly_cap_fen, cap_accrual_months, once_per_month, materials,
                                 data_sharing_proofs, sort_order) VALUES
    ('RENT', '租房提取', 'Renting a home',
     '本市无自有住房的缴存职工租房自住，每月可提取不超过2000元，每月最多一次。',
     'Members who own no home in the city may withdraw up to 2,000 CNY for each month elapsed since their last rent withdrawal, at most once a month.',
     '{NORMAL}', FALSE, 'CARD', 'NO_HOME_IN_CITY', NULL, FALSE, 200000, 12, TRUE,
     '[{"zh":"身份证","en":"ID card"},{"zh":"本市无房证明","en":"Proof of owning no home in the city"}]',
     '[{"zh":"本市无房证明（不动产登记数据共享）","en":"No home in the city (housing registry data sharing)"}]', 10),
    ('RETIREMENT', '离退休提取', 'Retirement',
     '达到法定退休年龄，提取全部余额后销户；有未结清公积金贷款的不予办理。',
     'At the statutory retirement age the whole balance is paid out and the account closed; refused while an HPF loan is outstanding.',
     '{NORMAL,SEALED}', TRUE, 'CARD', 'RETIREMENT_AGE', 60, TRUE, NULL, NULL, FALSE,
     '[{"zh":"身份证","en":"ID card"},{"zh":"退休证明","en":"Retirement certificate"}]',
     '[{"zh":"退休证明（社保数据共享）","en":"Retirement (social insurance data sharing)"}]', 20),
    ('PURCHASE', '购房提取', 'Buying a home',
     '12个月内签订购房合同，本套住房的提取额与公积金贷款之和不超过房价。',
     'A purchase contract signed within the last 12 months; all withdrawals for that home plus its HPF loan may not exceed the price.',
     '{NORMAL,SEALED}', FALSE, 'CARD', 'PURCHASE_CONTRACT', 12, FALSE, NULL, NULL, FALSE,
     '[{"zh":"身份证","en":"ID card"},{"zh":"购房合同","en":"Purchase contract"},{"zh":"购房发票","en":"Purchase invoice"}]',
     '[{"zh":"购房合同及备案（不动产登记数据共享）","en":"Purchase contract and filing (housing registry data sharing)"}]', 30),
    ('LOAN_REPAYMENT', '偿还公积金贷款提取', 'Repaying an HPF loan',
     '提取额不超过贷款剩余本金（扣除在途提取），直接划入委贷银行的贷款账户。',
     'Up to the loan''s outstanding principal minus pending withdrawals for it, paid to the lending bank''s loan account.',
     '{NORMAL,SEALED}', FALSE, 'LOAN_ACCOUNT', 'OWN_HPF_LOAN', NULL, FALSE, NULL, NULL, FALSE,
     '[{"zh":"身份证","en":"ID card"},{"zh":"借款合同","en":"Loan contract"}]',
     '[{"zh":"借款合同（本中心贷款数据）","en":"Loan contract (the centre''s own loan records)"}]', 40),
    ('MIN_LIVING_ALLOWANCE', '享受城镇最低生活保障提取', 'Minimum living allowance',
     '享受城镇最低生活保障的，可提取全部余额。',
     'Members receiving the urban minimum living allowance may withdraw the whole balance.',
     '{NORMAL,SEALED}', TRUE, 'CARD', 'MIN_LIVING_ALLOWANCE', NULL, FALSE, NULL, NULL, FALSE,
     '[{"zh":"身份证","en":"ID card"},{"zh":"低保证","en":"Minimum living allowance certificate"}]',
     '[{"zh":"低保证明（民政数据共享）","en":"Minimum living allowance (civil affairs data sharing)"}]', 50),
    ('LEFT_CITY_SEALED', '离职封存满6个月提取', 'Sealed for 6 months after leaving',
     '离职后账户封存满6个月且在异地无缴存的，可提取全部余额。',
     'An account sealed for 6 months with no deposits elsewhere since may withdraw the whole balance.',
     '{SEALED}', TRUE, 'CARD', 'SEALED_NO_DEPOSITS_ELSEWHERE', 6, FALSE, NULL, NULL, FALSE,
     '[{"zh":"身份证","en":"ID card"},{"zh":"解除劳动合同证明","en":"Proof of leaving the employer"}]',
     '[{"zh":"异地无缴存证明（全国住房公积金监管服务平台）","en":"No deposits elsewhere (national HPF network)"},{"zh":"离职证明（市场监管数据共享）","en":"Leaving the employer (market regulation data sharing)"}]', 60);

UPDATE withdrawal_category SET closes_account = TRUE WHERE code = 'RETIREMENT';

-- The home a PURCHASE withdrawal is for (registry id), so that all withdrawals for one home stay within its price.
ALTER TABLE withdrawal ADD COLUMN home_id TEXT;
CREATE INDEX withdrawal_member_category ON withdrawal (member_id, category, created_at DESC) WHERE status <> 'FAILED';
CREATE INDEX withdrawal_budget ON withdrawal (budget_day, budget_shard) WHERE status <> 'FAILED';
CREATE INDEX withdrawal_loan_open ON withdrawal (loan_id) WHERE loan_id IS NOT NULL AND status IN ('ACCEPTED', 'PAYING');

-- The day's payout budget on ONE row: used only by hpf.admission.mode=postgres (the benchmark's baseline).
CREATE TABLE payout_budget (
    budget_day   DATE PRIMARY KEY,
    reserved_fen BIGINT NOT NULL CHECK (reserved_fen >= 0)
);
-- Withdrawals whose budget was given back (FAILED), so that a repeated give-back returns nothing twice.
CREATE TABLE payout_budget_return (
    withdrawal_id UUID PRIMARY KEY,
    returned_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Raised by the admission statement when a guard refused: rolls the whole statement back, and the message
-- names the guard so that the API answers the right 422/503.
CREATE FUNCTION hpf_admission_refused(reason TEXT) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'HPF01', MESSAGE = reason;
END $$;

-- Facts the sandbox data-sharing adapters answer with, keyed like the real platforms by ID number.
-- Never read outside the sandbox (prod plugs in real adapters).
CREATE TABLE sandbox_data_sharing (
    id_number   TEXT NOT NULL,
    fact        TEXT NOT NULL CHECK (fact IN ('OWNS_HOME_IN_CITY', 'PURCHASE_CONTRACT', 'MIN_LIVING_ALLOWANCE',
                                              'DEPOSITS_ELSEWHERE')),
    -- PURCHASE_CONTRACT: the home's registry id and price; DEPOSITS_ELSEWHERE: since when.
    home_id     TEXT,
    price_fen   BIGINT,
    occurred_on DATE,
    PRIMARY KEY (id_number, fact)
);
