package cn.hpf.mobile.account;

import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.common.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Cache-aside copy of each account in a Redis hash. Every write carries the PostgreSQL version and lands only
 * if it is newer than what Redis holds, so a slow refill can never overwrite a newer ledger write. The hash
 * also carries {@code pending}: holds admitted in Redis and not yet visible in PostgreSQL's {@code held}.
 */
@ApplicationScoped
public class AccountCache {

    public static final String PENDING_FIELD = "pending";

    /** KEYS: the account hash, the member's holds hash (same hash tag: one slot). */
    private static final LuaScript PUT_IF_NEWER = new LuaScript(RedisKeys.RESTORE_PENDING_LUA + """
            local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '-1')
            if current >= tonumber(ARGV[1]) then return 0 end
            restore_pending()
            redis.call('HSET', KEYS[1], 'v', ARGV[1], unpack(ARGV, 2))
            return 1
            """);

    private final ReactiveRedisDataSource redis;

    public AccountCache(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** The cached copy with its pending holds, or null when Redis has none (flushed or never filled). */
    public Uni<CachedAccount> get(long memberId) {
        return redis.execute("HGETALL", RedisKeys.account(memberId)).map(r -> parse(memberId, r));
    }

    /** Stores the snapshot unless Redis already has this version or a newer one; true when it was stored. */
    public Uni<Boolean> putIfNewer(AccountSnapshot s) {
        return PUT_IF_NEWER.run(redis, List.of(RedisKeys.account(s.memberId()), RedisKeys.holds(s.memberId())),
                        versionAndFields(s))
                .map(r -> r.toLong() == 1L);
    }

    /** The version followed by the hash's field/value pairs, as scripts that write the snapshot take them. */
    public static List<String> versionAndFields(AccountSnapshot s) {
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
        if (isMap(r)) {
            for (String k : r.getKeys()) {
                f.put(k, r.get(k).toString());
            }
        } else {
            for (int i = 0; i + 1 < r.size(); i += 2) {
                f.put(r.get(i).toString(), r.get(i + 1).toString());
            }
        }
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

    /** RESP3 answers HGETALL with a map, RESP2 with a flat array of field, value, ... */
    private static boolean isMap(Response r) {
        try {
            return !r.getKeys().isEmpty();
        } catch (RuntimeException notAMap) {
            return false;
        }
    }

    /** A cached snapshot plus the holds admitted in Redis that PostgreSQL's {@code held} does not show yet. */
    public record CachedAccount(AccountSnapshot snapshot, long pendingFen) {

        public long availableFen() {
            return Math.max(0L, snapshot.balanceFen() - snapshot.heldFen() - pendingFen);
        }
    }
}
