-- pgbench script: the PostgreSQL-only budget reservation, one hot row per day, conditional so it never
-- over-reserves. Every transaction serialises on the row lock: this is what the Redis sharded counter avoids.
UPDATE bench_budget_probe SET reserved_fen = reserved_fen + 10000
 WHERE day = CURRENT_DATE AND reserved_fen + 10000 <= limit_fen;
