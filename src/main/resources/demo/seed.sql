-- Demo data for the sandbox, dev and test profiles, run at startup by DemoDataSeeder (never in prod).
-- Deterministic and idempotent: fixed ids, ON CONFLICT DO NOTHING, history only for accounts without entries.
-- Every demo member's password is Demo@2026; the demo operator is ops / Ops@2026.
-- Dates are relative to the month of the first start so the demo never looks stale.

INSERT INTO operator (id, username, name, password_hash) VALUES
    (1, 'ops', '运营值班 Duty operator',
     'pbkdf2-sha256$120000$aHBmLWRlbW8tb3BlcmF0MQ$ms+QqiB/dn02PGDufznHjCAjFDrnQwQq430nKRNt0H4')
ON CONFLICT DO NOTHING;

INSERT INTO member (id, member_no, name, id_number, birth_date, password_hash) VALUES
    (1, '330100000001', '张伟', '330106198805121234', DATE '1988-05-12', 'pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow'),
    (2, '330100000002', '李娜', '330109199502284321', DATE '1995-02-28', 'pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow'),
    (3, '330100000003', '王芳', '330104199011035678', DATE '1990-11-03', 'pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow'),
    (4, '330100000004', '刘洋', '330102198507198765', DATE '1985-07-19', 'pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow'),
    (5, '330100000005', '陈静', '330103196603082468', DATE '1966-03-08', 'pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow'),
    (6, '330100000006', '赵磊', '330108198209301357', DATE '1982-09-30', 'pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow'),
    (7, '330100000007', '孙丽', '330105199307212580', DATE '1993-07-21', 'pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow'),
    (8, '330100000008', '周强', '330110197912113690', DATE '1979-12-11', 'pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow')
ON CONFLICT DO NOTHING;

-- Mobile numbers for SMS sign-in codes (the sandbox SMS gateway records them: GET /sandbox/sms/messages).
-- An UPDATE, so databases seeded before the column existed get them too; member 8 has none on file.
UPDATE member m SET mobile = v.mobile
FROM (VALUES (1, '13800000001'), (2, '13800000002'), (3, '13800000003'), (4, '13800000004'),
             (5, '13800000005'), (6, '13800000006'), (7, '13800000007')) AS v(id, mobile)
WHERE m.id = v.id AND m.mobile IS NULL;

WITH now_month AS (
    SELECT date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date AS m
)
INSERT INTO account (member_id, status, status_since, deposit_base_fen, employer_rate, member_rate, last_deposit_month)
SELECT v.member_id, v.status, (n.m + v.since_months * INTERVAL '1 month')::date, v.base, v.er, v.mr,
       (n.m + v.last_months * INTERVAL '1 month')::date
FROM now_month n, (VALUES
    -- member, status, status since (months from now), base fen, employer, member, last deposit (months from now)
    (1, 'NORMAL', -60, 1200000, 0.12, 0.12, -1),   -- home owner with an equal-instalment loan, auto-transfer on
    (2, 'NORMAL', -36,  800000, 0.12, 0.12, -1),   -- renter, owns no home in the city
    (3, 'SEALED',  -8,  600000, 0.10, 0.10, -9),   -- left the city 8 months ago (离职封存)
    (4, 'FROZEN',  -2,  900000, 0.12, 0.12, -1),   -- judicial freeze (司法冻结)
    (5, 'NORMAL', -240, 1000000, 0.12, 0.12, -1),  -- born 1966, at retirement age
    (6, 'NORMAL', -48, 1500000, 0.12, 0.12, -1),   -- equal-principal loan with one overdue period
    (7, 'NORMAL', -30,  700000, 0.08, 0.08, -1),   -- signed a purchase contract this year
    (8, 'NORMAL', -24,  250000, 0.05, 0.05, -1)    -- receives the minimum living allowance (低保)
) AS v(member_id, status, since_months, base, er, mr, last_months)
ON CONFLICT DO NOTHING;

SELECT hpf_seed_history(1, 99);

INSERT INTO bank_card (id, member_id, bank_code, bank_name, masked_number, holder_name, real_time_payout) VALUES
    (1, 1, 'ICBC', '中国工商银行 ICBC', '6222 **** **** 1234', '张伟', TRUE),
    (2, 1, 'CCB',  '中国建设银行 CCB',  '6217 **** **** 5678', '张伟', FALSE),
    (3, 2, 'ABC',  '中国农业银行 ABC',  '6228 **** **** 4321', '李娜', TRUE),
    (4, 3, 'BOC',  '中国银行 BOC',      '6216 **** **** 8765', '王芳', TRUE),
    (5, 4, 'ICBC', '中国工商银行 ICBC', '6222 **** **** 2468', '刘洋', TRUE),
    (6, 5, 'HZB',  '杭州银行 Bank of Hangzhou', '6229 **** **** 1357', '陈静', TRUE),
    (7, 6, 'CCB',  '中国建设银行 CCB',  '6217 **** **** 9753', '赵磊', TRUE),
    (8, 7, 'CMB',  '招商银行 CMB',      '6225 **** **** 8642', '孙丽', TRUE),
    (9, 8, 'ABC',  '中国农业银行 ABC',  '6228 **** **** 3690', '周强', TRUE)
ON CONFLICT DO NOTHING;

WITH now_month AS (
    SELECT date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date AS m
)
-- Outstanding principal is the repayment engine's value after paid_periods (loan 2: period 40 overdue).
INSERT INTO loan (id, member_id, contract_no, principal_fen, outstanding_principal_fen, annual_rate, term_months,
                  method, start_date, lending_bank, lending_bank_account, paid_periods, overdue_periods,
                  overdue_amount_fen, auto_transfer)
SELECT v.id, v.member_id, v.contract_no, v.principal, v.outstanding, v.rate, v.term, v.method,
       (n.m + v.start_months * INTERVAL '1 month')::date, v.bank, v.bank_account, v.paid, v.overdue, v.overdue_amount,
       v.auto
FROM now_month n, (VALUES
    (1, 1, 'HZGJJ-2021-000101', 80000000, 71756936, 0.026000, 360, 'EQUAL_INSTALMENT', -54,
     '中国建设银行杭州分行 (委贷银行)', '3300 **** **** 0101', 53, 0, 0, TRUE),
    (2, 6, 'HZGJJ-2022-000206', 60000000, 50250000, 0.031000, 240, 'EQUAL_PRINCIPAL', -41,
     '中国工商银行杭州分行 (委贷银行)', '3300 **** **** 0206', 39, 1, 379813, FALSE)
) AS v(id, member_id, contract_no, principal, outstanding, rate, term, method, start_months, bank, bank_account,
       paid, overdue, overdue_amount, auto)
ON CONFLICT DO NOTHING;
