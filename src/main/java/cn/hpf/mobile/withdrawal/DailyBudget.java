package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.common.Zones;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The centre's daily payout budget in Redis, sharded over {@code hpf.admission.budget-shards} counters so that no
 * single key is hot. Each shard holds budget / shards; a reservation tries a random shard, then the others. The
 * truth is PostgreSQL (non-FAILED withdrawals per budget_day and budget_shard): a missing counter is rebuilt
 * from it, and only the first rebuild lands (SET NX), so several instances agree.
 */
@ApplicationScoped
public class DailyBudget {

    private static final long TTL_SECONDS = Duration.ofDays(2).toSeconds();

    static final LuaScript RESERVE = new LuaScript("""
            local used = redis.call('GET', KEYS[1])
            if not used then return -1 end
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 1 end
            if tonumber(used) + tonumber(ARGV[2]) > tonumber(ARGV[3]) then return 0 end
            redis.call('INCRBY', KEYS[1], ARGV[2])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            redis.call('EXPIRE', KEYS[2], ARGV[4])
            return 1
            """);

    static final LuaScript GIVE_BACK = new LuaScript("""
            local amount = redis.call('HGET', KEYS[2], ARGV[1])
            if not amount then return 0 end
            redis.call('HDEL', KEYS[2], ARGV[1])
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECRBY', KEYS[1], amount) end
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final Pool db;
    private final AdmissionConfig config;
    private final Clock clock;

    public DailyBudget(ReactiveRedisDataSource redis, Pool db, AdmissionConfig config, Clock clock) {
        this.redis = redis;
        this.db = db;
        this.config = config;
        this.clock = clock;
    }

    long shardLimitFen(int shard) {
        long base = config.dailyBudgetFen() / config.budgetShards();
        return shard == 0 ? base + config.dailyBudgetFen() % config.budgetShards() : base;
    }

    /**
     * A reservation lives on one shard, so no amount above the largest shard's share can ever be admitted: say so
     * (422 AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT) rather than a misleading "budget exhausted, retry tomorrow".
     */
    void requireWithinOneShard(long amountFen) {
        long limit = shardLimitFen(0);
        if (amountFen > limit) {
            throw ApiException.unprocessable("AMOUNT_ABOVE_SINGLE_PAYOUT_LIMIT",
                    "One withdrawal can be at most " + limit + " fen; split it or ask the centre's counter.",
                    "amountFen");
        }
    }

    /** The shard that took the reservation; fails with 503 DAILY_BUDGET_EXHAUSTED when none could. */
    Uni<Integer> reserve(LocalDate day, UUID withdrawalId, long amountFen) {
        int shards = config.budgetShards();
        int first = ThreadLocalRandom.current().nextInt(shards);
        return tryShard(day, withdrawalId, amountFen, first, 0, shards);
    }

    private Uni<Integer> tryShard(LocalDate day, UUID withdrawalId, long amountFen, int first, int tried, int shards) {
        if (tried == shards) {
            return Uni.createFrom().failure(exhausted(clock));
        }
        int shard = (first + tried) % shards;
        return reserveOn(day, shard, withdrawalId, amountFen, true).chain(ok -> ok
                ? Uni.createFrom().item(shard)
                : tryShard(day, withdrawalId, amountFen, first, tried + 1, shards));
    }

    private Uni<Boolean> reserveOn(LocalDate day, int shard, UUID withdrawalId, long amountFen, boolean mayRebuild) {
        return RESERVE.run(redis, AdmissionKeys.budget(day, shard), List.of(withdrawalId.toString(),
                        Long.toString(amountFen), Long.toString(shardLimitFen(shard)), Long.toString(TTL_SECONDS)))
                .chain(r -> {
                    long result = r.toLong();
                    if (result == -1 && mayRebuild) {
                        return rebuild(day, shard).chain(() -> reserveOn(day, shard, withdrawalId, amountFen, false));
                    }
                    return Uni.createFrom().item(result == 1);
                });
    }

    /** Sets a missing counter from PostgreSQL (prepayments from the HPF balance never use the payout budget); a counter already there (another instance rebuilt it) wins. */
    Uni<Void> rebuild(LocalDate day, int shard) {
        return db.preparedQuery("SELECT coalesce(sum(amount_fen), 0) FROM withdrawal "
                        + "WHERE budget_day = $1 AND budget_shard = $2 AND status <> 'FAILED' AND NOT settled_internally")
                .execute(Tuple.of(day, shard))
                .chain(rows -> redis.execute("SET", AdmissionKeys.budget(day, shard).get(0),
                        Long.toString(rows.iterator().next().getLong(0)), "NX", "EX", Long.toString(TTL_SECONDS)))
                .replaceWithVoid();
    }

    /** Returns a reservation (PostgreSQL refused, or payout FAILED); idempotent per withdrawal. */
    public Uni<Boolean> giveBack(LocalDate day, int shard, UUID withdrawalId) {
        return GIVE_BACK.run(redis, AdmissionKeys.budget(day, shard), List.of(withdrawalId.toString()))
                .map(r -> r.toLong() == 1L);
    }

    /** Tries every shard: recovery does not know which one an orphan reserved on. */
    Uni<Void> giveBackAnyShard(LocalDate day, UUID withdrawalId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int s = 0; s < config.budgetShards(); s++) {
            int shard = s;
            chain = chain.chain(() -> giveBack(day, shard, withdrawalId)).replaceWithVoid();
        }
        return chain;
    }

    /** 503 until the next Asia/Shanghai day, when a fresh budget opens. */
    static ApiException exhausted(Clock clock) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(Zones.SHANGHAI));
        long seconds = Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay(Zones.SHANGHAI)).toSeconds();
        return ApiException.unavailable("DAILY_BUDGET_EXHAUSTED",
                "Today's payout budget of the centre is used up; withdrawals reopen tomorrow.", (int) Math.max(1, seconds));
    }
}
