-- Synthetic members for load tests: bin/generate-members calls hpf_generate_members in chunks.
-- Member i (1-based) gets id 10,000,000 + i, member number 8 followed by i on 11 digits, a NORMAL account, a
-- bank card with id 10,000,000 + i and a year of history (hpf_seed_history). All share one precomputed password
-- hash (password Load@2026, 10,000 PBKDF2 iterations so that login storms measure the API, not the KDF).
-- Idempotent: members that exist are skipped.
CREATE FUNCTION hpf_generate_members(p_first INT, p_count INT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    first_id BIGINT := 10000000 + p_first;
    last_id  BIGINT := 10000000 + p_first + p_count - 1;
    last_month DATE := (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - INTERVAL '1 month')::date;
    entries BIGINT;
BEGIN
    INSERT INTO member (id, member_no, name, id_number, birth_date, password_hash, synthetic)
    SELECT id, '8' || lpad((id - 10000000)::text, 11, '0'), '测试会员' || (id - 10000000),
           '3301' || lpad((id % 100000000)::text, 10, '0') || lpad((id % 10000)::text, 4, '0'),
           DATE '1970-01-01' + (id % 12000)::int,
           'pbkdf2-sha256$10000$aHBmLXN5bnRoZXRpYy0wMQ$hO26SoVzuSZV+kckRT2q1u/sn4XQqaIVXLIxkGafPNc', TRUE
    FROM generate_series(first_id, last_id) AS id
    ON CONFLICT DO NOTHING;

    INSERT INTO account (member_id, status, status_since, deposit_base_fen, employer_rate, member_rate,
                         last_deposit_month)
    SELECT id, 'NORMAL', DATE '2015-01-01' + (id % 3000)::int, 300000 + (id % 40) * 50000, 0.12, 0.12, last_month
    FROM generate_series(first_id, last_id) AS id
    ON CONFLICT DO NOTHING;

    INSERT INTO bank_card (id, member_id, bank_code, bank_name, masked_number, holder_name, real_time_payout)
    SELECT id, id, 'ICBC', '中国工商银行 ICBC', '6222 **** **** ' || lpad((id % 10000)::text, 4, '0'),
           '测试会员' || (id - 10000000), TRUE
    FROM generate_series(first_id, last_id) AS id
    ON CONFLICT DO NOTHING;

    entries := hpf_seed_history(first_id, last_id);
    RETURN entries;
END $$;
