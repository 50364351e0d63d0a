-- bin/bench, refusal flood: today's payout budget (Asia/Shanghai) used up, as the admission statement would leave it
-- once the day's withdrawals had filled every shard: each shard's PostgreSQL row at its share of the day's terms.
-- The terms are those the app fixed today; if no admission fixed them yet, the app's defaults, as it would fix
-- them (hpf.admission.daily-budget-fen, budget-shards). Redis's counters are left behind PostgreSQL on purpose: the
-- first refusals find that out and repair them, as after a lost write, and PostgreSQL's confirmation shuts the door.
-- bench/budget-restored.sql puts the rows back from the day's withdrawals. Prints "day shards".
INSERT INTO payout_budget_day (budget_day, budget_fen, shards)
VALUES ((now() AT TIME ZONE 'Asia/Shanghai')::date, 2000000000, 8)
ON CONFLICT (budget_day) DO NOTHING;
INSERT INTO payout_budget_shard (budget_day, shard, reserved_fen, limit_fen)
SELECT d.budget_day, s, hpf_shard_limit(d.budget_fen, d.shards, s), hpf_shard_limit(d.budget_fen, d.shards, s)
FROM payout_budget_day d, generate_series(0, d.shards - 1) AS s
WHERE d.budget_day = (now() AT TIME ZONE 'Asia/Shanghai')::date
ON CONFLICT (budget_day, shard) DO UPDATE SET reserved_fen = EXCLUDED.limit_fen, limit_fen = EXCLUDED.limit_fen;
SELECT budget_day, shards FROM payout_budget_day WHERE budget_day = (now() AT TIME ZONE 'Asia/Shanghai')::date;
