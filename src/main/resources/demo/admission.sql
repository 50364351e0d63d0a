-- Sandbox data-sharing facts for the demo members (admission). Idempotent; dates relative to today.
-- Member 1 owns a home in the city; member 7 signed a purchase contract 3 months ago; member 8 receives the
-- minimum living allowance; member 3 (sealed 8 months) has no deposits elsewhere (no row = none).
INSERT INTO sandbox_data_sharing (id_number, fact, home_id, price_fen, occurred_on) VALUES
    ('330106198805121234', 'OWNS_HOME_IN_CITY', 'HZ-330106-0001', NULL, DATE '2021-05-20'),
    ('330105199307212580', 'PURCHASE_CONTRACT', 'HZ-330105-0007', 250000000,
     ((now() AT TIME ZONE 'Asia/Shanghai')::date - INTERVAL '3 months')::date),
    ('330110197912113690', 'MIN_LIVING_ALLOWANCE', NULL, NULL,
     ((now() AT TIME ZONE 'Asia/Shanghai')::date - INTERVAL '14 months')::date)
ON CONFLICT DO NOTHING;
