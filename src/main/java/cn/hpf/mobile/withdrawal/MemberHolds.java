package cn.hpf.mobile.withdrawal;

import cn.hpf.mobile.account.AccountCache;
import cn.hpf.mobile.account.AccountSnapshot;
import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.common.idempotency.Idempotency;
import cn.hpf.mobile.common.redis.RedisReplies;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The member's side of the Redis hot path, over the account hash and the holds hash (one slot, {@code {m:<id>}}).
 * One script places a hold: available = bal − held − pending, the category's in-flight cap summed from the holds
 * themselves, a closing category only when nothing else is held, and no second attempt with the same
 * Idempotency-Key beside one still in flight. One releases it; one settles it once PostgreSQL has it, dropping the
 * pending hold and applying the newer snapshot in the same step, so availability is never counted twice nor missed;
 * one reconciles the member with what PostgreSQL says. Everything a refusal here says is only a first opinion:
 * {@link AdmissionService} asks PostgreSQL before it answers with one.
 */
@ApplicationScoped
public class MemberHolds {

    /** What {@link #hold} found, when it is not a refusal. */
    public enum Placed { OK, MISS }

    /**
     * A hold as stored: amount, when it was placed (application clock), cap scope, key fingerprint; a value this
     * version cannot read has no withdrawal id and time 0, so reconciliation drops it.
     */
    record Hold(String field, UUID withdrawalId, long amountFen, long atMillis, String capScope,
                String keyFingerprint) {
    }

    private static final String DROP_HOLD = """
            local function drop_hold(wid)
              local h = redis.call('HGET', KEYS[2], wid)
              if not h then return 0 end
              redis.call('HDEL', KEYS[2], wid)
              if redis.call('HEXISTS', KEYS[1], 'pending') == 1 then
                redis.call('HINCRBY', KEYS[1], 'pending', -tonumber(string.match(h, '^(%d+)|')))
              end
              return 1
            end
            """;

    /**
     * ARGV: id, amount, millis, whole balance (1/0), cap scope ('' for none), cap remaining, cap exclusive (1/0),
     * closes the account (1/0), key fingerprint. Answers OK, MISS (no account copy) or a {@code Refusal} name.
     */
    static final LuaScript HOLD = new LuaScript("""
            if redis.call('HEXISTS', KEYS[1], 'v') == 0 then return 'MISS' end
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 'OK' end
            local inflight, others = 0, 0
            for _, h in ipairs(redis.call('HVALS', KEYS[2])) do
              local amount, ts, scope, key = string.match(h, '^(%d+)|(%d+)|([^|]*)|?(.*)$')
              if ARGV[9] ~= '' and key == ARGV[9] then return 'IDEMPOTENCY_KEY_IN_FLIGHT' end
              others = others + 1
              if ARGV[5] ~= '' and scope == ARGV[5] then inflight = inflight + tonumber(amount) end
            end
            local acc = redis.call('HMGET', KEYS[1], 'bal', 'held', 'pending')
            local held = tonumber(acc[2])
            local available = tonumber(acc[1]) - held - tonumber(acc[3] or '0')
            local amount = tonumber(ARGV[2])
            if ARGV[8] == '1' and (others > 0 or held > 0) then return 'OTHER_WITHDRAWAL_IN_FLIGHT' end
            if ARGV[4] == '1' then
              if amount ~= available then return 'AMOUNT_MUST_EQUAL_AVAILABLE' end
            elseif amount > available then return 'INSUFFICIENT_BALANCE' end
            if ARGV[5] ~= '' then
              if ARGV[7] == '1' and inflight > 0 then return 'CATEGORY_CAP_EXCEEDED' end
              if inflight + amount > tonumber(ARGV[6]) then return 'CATEGORY_CAP_EXCEEDED' end
            end
            redis.call('HINCRBY', KEYS[1], 'pending', amount)
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[5] .. '|' .. ARGV[9])
            return 'OK'
            """);

    static final LuaScript RELEASE = new LuaScript(DROP_HOLD + "return drop_hold(ARGV[1])\n");

    /**
     * ARGV: id, the committed answer and its expiry ({@link Idempotency#answerArgs}, or '' '' for none), then the
     * snapshot ({@link AccountCache#snapshotArgs}). KEYS[3], with an answer: its idempotency key (the member's slot).
     */
    static final LuaScript SETTLE = new LuaScript(DROP_HOLD + AccountCache.SNAPSHOT_LUA + Idempotency.KEEP_ANSWER_LUA
            + """
            local dropped = drop_hold(ARGV[1])
            apply_snapshot(4)
            if KEYS[3] then keep_answer(KEYS[3], ARGV[2], ARGV[3]) end
            return dropped
            """);

    /**
     * ARGV: n, n withdrawal ids whose holds PostgreSQL has decided, then the snapshot. Drops those holds, sets
     * pending to exactly the sum of the holds left, applies the snapshot if newer; answers the holds dropped.
     */
    static final LuaScript RECONCILE = new LuaScript(AccountCache.SNAPSHOT_LUA + """
            local n = tonumber(ARGV[1])
            local dropped = 0
            for i = 2, n + 1 do dropped = dropped + redis.call('HDEL', KEYS[2], ARGV[i]) end
            if redis.call('HEXISTS', KEYS[1], 'v') == 1 then count_pending() end
            apply_snapshot(n + 2)
            return dropped
            """);

    private final ReactiveRedisDataSource redis;
    private final AccountCache cache;

    public MemberHolds(ReactiveRedisDataSource redis, AccountCache cache) {
        this.redis = redis;
        this.cache = cache;
    }

    /** OK or MISS; a refusal is a failed Uni carrying the {@code Refusal} name as {@link Refused}. */
    public Uni<Placed> hold(HoldPlacement.Request r) {
        return HOLD.run(redis, AdmissionKeys.member(r.memberId()), List.of(r.holdId().toString(),
                        Long.toString(r.amountFen()), Long.toString(r.atMillis()), r.wholeBalance() ? "1" : "0",
                        r.cap().field(), Long.toString(r.cap().remainingFen()), r.cap().exclusive() ? "1" : "0",
                        r.closesAccount() ? "1" : "0", r.keyFingerprint()))
                .map(reply -> {
                    String answer = reply.toString();
                    return switch (answer) {
                        case "OK" -> Placed.OK;
                        case "MISS" -> Placed.MISS;
                        default -> throw new Refused(answer);
                    };
                });
    }

    /** Gives the hold back (PostgreSQL refused or never got it); true when there was one. Idempotent. */
    public Uni<Boolean> release(long memberId, UUID withdrawalId) {
        return RELEASE.run(redis, AdmissionKeys.member(memberId), List.of(withdrawalId.toString()))
                .map(r -> r.toLong() == 1L);
    }

    /** PostgreSQL committed the hold: drop the pending one and apply the snapshot if newer, atomically. */
    public Uni<Boolean> settle(UUID withdrawalId, AccountSnapshot snapshot) {
        return settle(withdrawalId, snapshot, null);
    }

    /**
     * As {@link #settle(UUID, AccountSnapshot)}, and in the same script the debit's idempotency lease becomes its
     * committed answer ({@link Idempotency#KEEP_ANSWER_LUA}): one round trip for both.
     */
    public Uni<Boolean> settle(UUID withdrawalId, AccountSnapshot snapshot, CommittedAnswer answer) {
        List<String> keys = new ArrayList<>(AdmissionKeys.member(snapshot.memberId()));
        List<String> args = new ArrayList<>();
        args.add(withdrawalId.toString());
        if (answer == null) {
            args.add("");
            args.add("");
        } else {
            keys.add(answer.redisKey());
            args.addAll(answer.args());
        }
        args.addAll(cache.snapshotArgs(snapshot));
        return SETTLE.run(redis, keys, args).map(r -> r.toLong() == 1L);
    }

    /** An idempotency key's Redis key (the member's slot) and its answer as {@link Idempotency#answerArgs} gives it. */
    public record CommittedAnswer(String redisKey, List<String> args) {
    }

    /** The member's holds as Redis has them. */
    Uni<List<Hold>> holds(long memberId) {
        return redis.execute("HGETALL", AdmissionKeys.member(memberId).get(1)).map(r -> {
            List<Hold> holds = new ArrayList<>();
            if (r == null) {
                return holds;
            }
            RedisReplies.forEachField(r, (field, value) -> parse(field, value, holds));
            return holds;
        });
    }

    /** Drops the holds PostgreSQL has decided and puts its snapshot, atomically; the holds dropped. */
    Uni<Integer> reconcile(AccountSnapshot snapshot, Collection<String> decided) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(decided.size()));
        args.addAll(decided);
        args.addAll(cache.snapshotArgs(snapshot));
        return RECONCILE.run(redis, AdmissionKeys.member(snapshot.memberId()), args).map(r -> r.toInteger());
    }

    private static void parse(String field, String value, List<Hold> into) {
        String[] p = value.split("\\|", -1);
        try {
            into.add(new Hold(field, UUID.fromString(field), Long.parseLong(p[0]), Long.parseLong(p[1]),
                    p.length > 2 ? p[2] : "", p.length > 3 ? p[3] : ""));
        } catch (RuntimeException unreadable) {
            into.add(new Hold(field, null, 0, 0, "", ""));
        }
    }

    /** A refusal the hold script answered with ({@code Refusal} name). */
    static final class Refused extends RuntimeException {
        final String code;

        Refused(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }
}
