package cn.hpf.mobile.account;

import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.common.redis.RedisKeys;
import cn.hpf.mobile.common.redis.RedisReplies;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cache-aside copy of each account in a Redis hash. Every write carries the PostgreSQL version and lands only
 * if it is newer than what Redis holds, so a slow refill can never overwrite a newer ledger write. The hash
 * also carries {@code pending}: holds admitted in Redis and not yet visible in PostgreSQL's {@code held}.
 *
 * <p>A copy is trusted for {@code hpf.redis.account-ttl} at most: every write of a snapshot sets that expiry, so a
 * copy that missed a write (a publish lost to a crash, a failover that rolled the hash back) is gone and refilled
 * from PostgreSQL within that time, even if nobody writes the account again. The hash is only a cache: losing
 * it early (eviction) only costs a refill, and {@code pending} is restored from the holds when it comes back.
 */
@ApplicationScoped
public class AccountCache {

    public static final String PENDING_FIELD = "pending";

    /**
     * Lua for scripts whose KEYS[1] is the account hash and KEYS[2] the member's holds hash.
     * {@code count_pending()} sets {@code pending} to the sum of the holds. {@code restore_pending()}: when the account hash is about to be created (no {@code v} yet), {@code pending}
     * is set to the sum of the holds that survived it, so that pending always equals the holds hash.
     * {@code apply_snapshot(i)}: ARGV[i] is the expiry in ms, ARGV[i+1] the version, then field/value pairs
     * ({@link #snapshotArgs}); writes them and the expiry when the version is newer than the copy's; 1 if written.
     */
    public static final String SNAPSHOT_LUA = """
            local function count_pending()
              local sum = 0
              for _, h in ipairs(redis.call('HVALS', KEYS[2])) do
                sum = sum + tonumber(string.match(h, '^(%d+)|') or '0')
              end
              if sum > 0 then redis.call('HSET', KEYS[1], 'pending', sum) else redis.call('HDEL', KEYS[1], 'pending') end
            end
            local function restore_pending()
              if redis.call('HEXISTS', KEYS[1], 'v') == 0 then count_pending() end
            end
            local function apply_snapshot(i)
              local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '-1')
              if current >= tonumber(ARGV[i + 1]) then return 0 end
              restore_pending()
              redis.call('HSET', KEYS[1], 'v', unpack(ARGV, i + 1))
              redis.call('PEXPIRE', KEYS[1], ARGV[i])
              return 1
            end
            """;

    private static final LuaScript PUT_IF_NEWER = new LuaScript(SNAPSHOT_LUA + "return apply_snapshot(1)\n");

    private final ReactiveRedisDataSource redis;
    private final long ttlMillis;

    public AccountCache(ReactiveRedisDataSource redis,
                        @ConfigProperty(name = "hpf.redis.account-ttl", defaultValue = "PT45S") Duration ttl) {
        this.redis = redis;
        this.ttlMillis = ttl.toMillis();
    }

    /** The cached copy with its pending holds, or null when Redis has none (flushed, expired or never filled). */
    public Uni<CachedAccount> get(long memberId) {
        return redis.execute("HGETALL", RedisKeys.account(memberId)).map(r -> parse(memberId, r));
    }

    /** Stores the snapshot unless Redis already has this version or a newer one; true when it was stored. */
    public Uni<Boolean> putIfNewer(AccountSnapshot s) {
        return PUT_IF_NEWER.run(redis, List.of(RedisKeys.account(s.memberId()), RedisKeys.holds(s.memberId())),
                        snapshotArgs(s))
                .map(r -> r.toLong() == 1L);
    }

    /** The expiry, the version and the hash's field/value pairs, as {@code apply_snapshot} takes them. */
    public List<String> snapshotArgs(AccountSnapshot s) {
        List<String> args = new ArrayList<>(24);
        args.add(Long.toString(ttlMillis));
        args.addAll(versionAndFields(s));
        return args;
    }

    /** The version followed by the hash's field/value pairs, as scripts that write the snapshot take them. */
    static List<String> versionAndFields(AccountSnapshot s) {
        return List.of(
                Long.toString(s.version()),
                "name", s.name(),
                "idm", s.maskedIdNumber(),
                "status", s.status().name(),
                "since", s.statusSince().toString(),
                "bal", Long.toString(s.balanceFen()),
                "held", Long.toString(s.heldFen()),
                "base", Long.toString(s.depositBaseFen()),
                "er", s.employerRate().toPlainString(),
                "mr", s.memberRate().toPlainString(),
                "ldm", s.lastDepositMonth() == null ? "" : s.lastDepositMonth().toString());
    }

    /**
     * Walks the reply once into local fields: this runs on every account read, where a map of the fields and
     * {@code LocalDate.parse} were a measurable share of the CPU (docs/performance.md).
     */
    private static CachedAccount parse(long memberId, Response r) {
        if (r == null || r.size() == 0) {
            return null;
        }
        Fields f = new Fields();
        RedisReplies.forEachField(r, f::put);
        if (f.version == null || f.balance == null) {
            return null; // only a pending counter survives: treat as a miss and refill
        }
        AccountSnapshot s = new AccountSnapshot(memberId, f.name, f.maskedId, AccountStatus.valueOf(f.status),
                isoDate(f.since), Long.parseLong(f.balance), Long.parseLong(f.held), Long.parseLong(f.base),
                new BigDecimal(f.employerRate), new BigDecimal(f.memberRate),
                f.lastDepositMonth == null || f.lastDepositMonth.isEmpty() ? null : isoDate(f.lastDepositMonth),
                Long.parseLong(f.version));
        return new CachedAccount(s, f.pending == null ? 0L : Long.parseLong(f.pending));
    }

    /** The hash's fields as {@link #versionAndFields} writes them (and {@code pending}, kept by the hold scripts). */
    private static final class Fields {
        String version, name, maskedId, status, since, balance, held, base, employerRate, memberRate,
                lastDepositMonth, pending;

        void put(String field, String value) {
            switch (field) {
                case "v" -> version = value;
                case "name" -> name = value;
                case "idm" -> maskedId = value;
                case "status" -> status = value;
                case "since" -> since = value;
                case "bal" -> balance = value;
                case "held" -> held = value;
                case "base" -> base = value;
                case "er" -> employerRate = value;
                case "mr" -> memberRate = value;
                case "ldm" -> lastDepositMonth = value;
                case PENDING_FIELD -> pending = value;
                default -> { } // a field of a later version: ignored
            }
        }
    }

    /** yyyy-MM-dd as {@link LocalDate#toString} writes it for the years we store; anything else the slow way. */
    static LocalDate isoDate(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            try {
                return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
                        Integer.parseInt(s, 8, 10, 10));
            } catch (NumberFormatException e) {
                return LocalDate.parse(s);
            }
        }
        return LocalDate.parse(s);
    }

    /** A cached snapshot plus the holds admitted in Redis that PostgreSQL's {@code held} does not show yet. */
    public record CachedAccount(AccountSnapshot snapshot, long pendingFen) {

        public long availableFen() {
            return Math.max(0L, snapshot.balanceFen() - snapshot.heldFen() - pendingFen);
        }
    }
}
