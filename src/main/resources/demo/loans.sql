-- Demo loans (loans engineer): run after seed.sql, idempotent. The seed's outstanding principal of loans 1 and 2
-- did not match their schedules; these are the engine's values after paid_periods (see V5__loans.sql):
-- loan 1 (member 1, 等额本息, 按月转账 on): 800,000.00 CNY at 2.6 % over 360 months, 53 paid → 717,569.36 left;
-- loan 2 (member 6, 等额本金, 1 overdue period): 600,000.00 CNY at 3.1 % over 240 months, 39 paid → 502,500.00
-- left, period 40 (3,798.13 CNY) overdue. Guarded by the seed's values, so a re-run changes nothing.
UPDATE loan SET outstanding_principal_fen = 71756936, version = version + 1
WHERE id = 1 AND contract_no = 'HZGJJ-2021-000101' AND paid_periods = 53 AND outstanding_principal_fen = 73838125;
UPDATE loan SET outstanding_principal_fen = 50250000, overdue_amount_fen = 379813, version = version + 1
WHERE id = 2 AND contract_no = 'HZGJJ-2022-000206' AND paid_periods = 39 AND outstanding_principal_fen = 50000000;
