package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountCache;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.common.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The member's side of the Redis hot path: one script places a hold (available = bal − held − pending, plus the
 * category's in-flight cap), one releases it, one settles it once PostgreSQL has it — dropping the pending hold
 * and applying the newer snapshot (which now counts it in {@code held}) in the same step, so availability is
 * never counted twice nor missed.
 */
@ApplicationScoped
public class MemberHolds {

    /** Outcomes of {@link #hold}. */
    enum Outcome { OK, MISS, INSUFFICIENT, NOT_WHOLE, CAP }

    static final LuaScript HOLD = new LuaScript("""
            if redis.call('HEXISTS', KEYS[1], 'v') == 0 then return 'MISS' end
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 'OK' end
            local acc = redis.call('HMGET', KEYS[1], 'bal', 'held', 'pending')
            local available = tonumber(acc[1]) - tonumber(acc[2]) - tonumber(acc[3] or '0')
            local amount = tonumber(ARGV[2])
            if ARGV[4] == '1' then
              if amount ~= available then return 'NOT_WHOLE' end
            elseif amount > available then return 'INSUFFICIENT' end
            if ARGV[5] ~= '' then
              local inflight = tonumber(redis.call('HGET', KEYS[3], ARGV[5]) or '0')
              if ARGV[7] == '1' and inflight > 0 then return 'CAP' end
              if inflight + amount > tonumber(ARGV[6]) then return 'CAP' end
              redis.call('HINCRBY', KEYS[3], ARGV[5], amount)
            end
            redis.call('HINCRBY', KEYS[1], 'pending', amount)
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[5])
            return 'OK'
            """);

    private static final String DROP_HOLD = """
            local function drop_hold(wid)
              local h = redis.call('HGET', KEYS[2], wid)
              if not h then return 0 end
              redis.call('HDEL', KEYS[2], wid)
              local amount, ts, cap = string.match(h, '^(%d+)|(%d+)|(.*)$')
              amount = tonumber(amount)
              if redis.call('HEXISTS', KEYS[1], 'pending') == 1 then
                redis.call('HINCRBY', KEYS[1], 'pending', -amount)
              end
              if cap ~= '' then
                if redis.call('HINCRBY', KEYS[3], cap, -amount) <= 0 then redis.call('HDEL', KEYS[3], cap) end
              end
              return 1
            end
            """;

    static final LuaScript RELEASE = new LuaScript(DROP_HOLD + "return drop_hold(ARGV[1])\n");

    static final LuaScript SETTLE = new LuaScript(DROP_HOLD + RedisKeys.RESTORE_PENDING_LUA + """
            local dropped = drop_hold(ARGV[1])
            local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '-1')
            if current < tonumber(ARGV[2]) then
              restore_pending()
              redis.call('HSET', KEYS[1], 'v', ARGV[2], unpack(ARGV, 3))
            end
            return dropped
            """);

    private final ReactiveRedisDataSource redis;

    public MemberHolds(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    Uni<Outcome> hold(long memberId, UUID withdrawalId, long amountFen, long nowMillis, boolean wholeBalance,
                      CategoryCap cap) {
        return HOLD.run(redis, AdmissionKeys.member(memberId), List.of(withdrawalId.toString(),
                        Long.toString(amountFen), Long.toString(nowMillis), wholeBalance ? "1" : "0", cap.field(),
                        Long.toString(cap.remainingFen()), cap.exclusive() ? "1" : "0"))
                .map(r -> Outcome.valueOf(r.toString()));
    }

    /** Gives the hold back (PostgreSQL refused or never got it); true when there was one. Idempotent. */
    public Uni<Boolean> release(long memberId, UUID withdrawalId) {
        return RELEASE.run(redis, AdmissionKeys.member(memberId), List.of(withdrawalId.toString()))
                .map(r -> r.toLong() == 1L);
    }

    /** PostgreSQL committed the hold: drop the pending one and apply the snapshot if newer, atomically. */
    public Uni<Boolean> settle(UUID withdrawalId, AccountSnapshot snapshot) {
        List<String> args = new ArrayList<>();
        args.add(withdrawalId.toString());
        args.addAll(AccountCache.versionAndFields(snapshot));
        return SETTLE.run(redis, AdmissionKeys.member(snapshot.memberId()), args).map(r -> r.toLong() == 1L);
    }
}
