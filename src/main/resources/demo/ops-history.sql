-- Past days for the operators' console (GET /v1/ops/stats/daily): 40 history members (ids 9001–9040) who withdrew
-- over the last 7 Asia/Shanghai days in the app, the mini-program and at the service-hall counter (COUNTER), so the
-- online share means something (about 65 %, near the reference centre's 64.94 %). No route admits a counter
-- withdrawal, so each is written as admission and payout would have left it: a consumed face verification, the
-- PAID withdrawal, its WITHDRAWAL ledger entry and debit, the sandbox bank's payment and the day's budget shard.
-- The books stay balanced (GET /v1/ops/reconciliation). Written once: skipped when these members have withdrawals.
DO $$
DECLARE
    today DATE := (now() AT TIME ZONE 'Asia/Shanghai')::date;
BEGIN
    IF EXISTS (SELECT 1 FROM withdrawal WHERE member_id BETWEEN 9001 AND 9040) THEN
        RETURN;
    END IF;

    INSERT INTO member (id, member_no, name, id_number, birth_date, password_hash)
    SELECT id, '3301009' || lpad(id::text, 5, '0'), '历史会员' || (id - 9000), '33010219800101' || lpad(id::text, 4, '0'),
           DATE '1980-01-01',
           'pbkdf2-sha256$120000$aHBmLWRlbW8tbWVtYmVyMQ$zowQz4SIHD3epsObMP0zUlXVPt0Iarf43BygINUXJow'
    FROM generate_series(9001, 9040) AS id
    ON CONFLICT DO NOTHING;

    INSERT INTO account (member_id, status, status_since, deposit_base_fen, employer_rate, member_rate,
                         last_deposit_month)
    SELECT id, 'NORMAL', DATE '2019-01-01', 800000, 0.12, 0.12, (date_trunc('month', today) - INTERVAL '1 month')::date
    FROM generate_series(9001, 9040) AS id
    ON CONFLICT DO NOTHING;
    PERFORM hpf_seed_history(9001, 9040);

    INSERT INTO bank_card (id, member_id, bank_code, bank_name, masked_number, holder_name, real_time_payout)
    SELECT id, id, 'ICBC', '中国工商银行 ICBC', '6222 **** **** ' || id, '历史会员' || (id - 9000), TRUE
    FROM generate_series(9001, 9040) AS id
    ON CONFLICT DO NOTHING;

    -- 20 withdrawals a day: 6–8 at the counter, the rest online; four in one minute late in the morning (the peak).
    CREATE TEMP TABLE ops_history_plan ON COMMIT DROP AS
    SELECT md5('ops-history-' || k || '-' || i)::uuid AS id, 9001 + n % 40 AS member_id, today - k AS day,
           CASE WHEN i < 6 + k % 3 THEN 'COUNTER' WHEN i % 3 = 0 THEN 'MINI_PROGRAM' ELSE 'APP' END AS channel,
           CASE WHEN n < 40 AND i % 4 = 1 THEN 'RENT' ELSE 'PURCHASE' END AS category,
           CASE WHEN n < 40 AND i % 4 = 1 THEN 150000 + (n % 5) * 10000
                ELSE 100000 + (n * 7919) % 200 * 1000 END::bigint AS amount,
           ((today - k) + TIME '09:00' + make_interval(mins => CASE WHEN i BETWEEN 10 AND 13 THEN 120 ELSE i * 23 END
                                                              + k * 7, secs => (i % 4) * 10))
               AT TIME ZONE 'Asia/Shanghai' AS created_at,
           800 + (n * 379) % 5000 AS payout_ms
    FROM generate_series(1, 7) AS k, generate_series(0, 19) AS i, LATERAL (SELECT (k - 1) * 20 + i AS n) x;

    INSERT INTO face_verification (id, member_id, purpose, status, provider_ref, certify_url, channel, created_at,
                                   expires_at, passed_at, usable_until, consumed_by, consumed_at)
    SELECT md5('ops-history-face-' || p.id)::uuid, p.member_id, 'WITHDRAWAL', 'CONSUMED', 'ops-history-' || p.id,
           'https://sandbox.invalid/face', p.channel, p.created_at - INTERVAL '1 minute',
           p.created_at + INTERVAL '9 minutes', p.created_at - INTERVAL '30 seconds',
           p.created_at + INTERVAL '270 seconds', 'withdrawal:' || p.id, p.created_at
    FROM ops_history_plan p;

    INSERT INTO withdrawal (id, member_id, category, amount_fen, bank_card_id, face_verification_id, status, period_key,
                            budget_day, budget_shard, channel, actor, created_at, updated_at, paid_at, bank_reference)
    SELECT p.id, p.member_id, p.category, p.amount, p.member_id, md5('ops-history-face-' || p.id)::uuid, 'PAID',
           CASE WHEN p.category = 'RENT' THEN to_char(p.day, 'YYYY-MM') END, p.day, 0, p.channel,
           CASE WHEN p.channel = 'COUNTER' THEN 'operator:1' ELSE 'member:' || p.member_id END,
           p.created_at, p.created_at + make_interval(secs => p.payout_ms / 1000.0),
           p.created_at + make_interval(secs => p.payout_ms / 1000.0), 'DEMO-' || p.id
    FROM ops_history_plan p;

    INSERT INTO ledger_entry (member_id, type, amount_fen, balance_after_fen, occurred_at, description, reference,
                              channel, actor)
    SELECT w.member_id, 'WITHDRAWAL', -w.amount_fen,
           a.balance_fen - sum(w.amount_fen) OVER (PARTITION BY w.member_id ORDER BY w.paid_at, w.id),
           w.paid_at, '提取 Withdrawal ' || w.category, w.id::text, w.channel, w.actor
    FROM withdrawal w JOIN account a ON a.member_id = w.member_id
    WHERE w.id IN (SELECT id FROM ops_history_plan)
    ORDER BY w.member_id, w.paid_at;

    UPDATE account a SET balance_fen = a.balance_fen - t.total, version = a.version + 1, updated_at = now()
    FROM (SELECT member_id, sum(amount) AS total FROM ops_history_plan GROUP BY member_id) t
    WHERE a.member_id = t.member_id;

    INSERT INTO sandbox_bank_payment (withdrawal_id, amount_fen, payee, outcome, bank_reference, received_at,
                                      settles_at)
    SELECT w.id, w.amount_fen, 'CARD 中国工商银行 ICBC 6222 **** **** ' || w.member_id, 'PAID', w.bank_reference,
           w.created_at, w.paid_at
    FROM withdrawal w WHERE w.id IN (SELECT id FROM ops_history_plan);

    INSERT INTO payout_budget_day (budget_day, budget_fen, shards)
    SELECT DISTINCT day, 2000000000, 8 FROM ops_history_plan
    ON CONFLICT DO NOTHING;
    INSERT INTO payout_budget_shard AS b (budget_day, shard, reserved_fen, limit_fen)
    SELECT p.day, 0, sum(p.amount),
           hpf_shard_limit(coalesce(max(t.budget_fen), 2000000000), coalesce(max(t.shards), 8), 0)
    FROM ops_history_plan p JOIN payout_budget_day t ON t.budget_day = p.day
    GROUP BY p.day
    ON CONFLICT (budget_day, shard) DO UPDATE SET reserved_fen = b.reserved_fen + EXCLUDED.reserved_fen;
END $$;
