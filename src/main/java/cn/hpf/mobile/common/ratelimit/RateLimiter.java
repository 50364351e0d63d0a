package cn.hpf.mobile.common.ratelimit;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.common.ratelimit.RateLimitConfig.Limit;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The one brute-force limiter: attempts per window and a lockout after repeated failures, per member and per client
 * address, answered 429 {@value #RATE_LIMITED} with Retry-After. Each member or address of an action is one Redis
 * hash, its whole name a hash tag, changed by one script: one slot on Redis Cluster, and every replica sees the
 * same counts. Successes are never counted as failures; the answer that locks is the failure's own, the next one
 * is the lock.
 *
 * <p>Windows run from the first attempt and go by the application's clock (a window or lock further from now than
 * it can be, after the clock moved back, starts afresh). Redis is never what makes a route fail: when it cannot
 * answer in time, each replica counts in its own memory by the same rules, so an outage at worst multiplies the
 * bounds by the number of replicas.
 */
@ApplicationScoped
public class RateLimiter {

    public static final String RATE_LIMITED = "RATE_LIMITED";
    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    /** Redis gets this long; after it the replica's own count decides. */
    private static final Duration REDIS_WAIT = Duration.ofMillis(300);
    /** A replica's own counts, cleared as a whole when this many subjects are in it. */
    private static final int LOCAL_SUBJECTS = 10_000;

    /** The routes limited, as named in the keys and the configuration. */
    public enum Action {
        LOGIN("login"), FACE("face"), CERTIFICATE("certificate");

        final String key;

        Action(String key) {
            this.key = key;
        }
    }

    public enum Scope {
        MEMBER("m", "for this member"), ADDRESS("a", "from this address");

        final String key;
        final String phrase;

        Scope(String key, String phrase) {
            this.key = key;
            this.phrase = phrase;
        }
    }

    /**
     * ARGV: now, attempts allowed (0: any), window, lock (all ms), key TTL (ms). Returns {0, 0} to go on, {1, ms}
     * while locked (the attempt is not counted), {2, ms} beyond the attempts of the window.
     */
    private static final LuaScript ACQUIRE = new LuaScript("""
            local now = tonumber(ARGV[1])
            local s = redis.call('HMGET', KEYS[1], 'lock', 'start', 'n')
            local lock = tonumber(s[1])
            if lock and lock > now and lock - now <= tonumber(ARGV[4]) then return {1, lock - now} end
            local limit = tonumber(ARGV[2])
            if limit == 0 then return {0, 0} end
            local window = tonumber(ARGV[3])
            local start, n = tonumber(s[2]), tonumber(s[3])
            if not start or now < start or now >= start + window then start, n = now, 0 end
            n = n + 1
            redis.call('HSET', KEYS[1], 'start', start, 'n', n)
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            if n > limit then return {2, start + window - now} end
            return {0, 0}
            """);

    /** ARGV: now, failures that lock, failure window, lock (all ms), key TTL (ms). Returns 1 when this one locked. */
    private static final LuaScript FAIL = new LuaScript("""
            local now = tonumber(ARGV[1])
            local s = redis.call('HMGET', KEYS[1], 'fstart', 'f')
            local window = tonumber(ARGV[3])
            local start, f = tonumber(s[1]), tonumber(s[2])
            if not start or now < start or now >= start + window then start, f = now, 0 end
            f = f + 1
            local locked = 0
            if f >= tonumber(ARGV[2]) then
              redis.call('HSET', KEYS[1], 'lock', now + tonumber(ARGV[4]))
              start, f, locked = now, 0, 1
            end
            redis.call('HSET', KEYS[1], 'fstart', start, 'f', f)
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return locked
            """);

    private final ReactiveRedisDataSource redis;
    private final RateLimitConfig config;
    private final Clock clock;
    private final Map<String, LocalCount> local = new ConcurrentHashMap<>();

    public RateLimiter(ReactiveRedisDataSource redis, RateLimitConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** The Redis hash of one member's or address's counts for an action. */
    public static String key(Action action, Scope scope, String subject) {
        return "rl:{" + action.key + ":" + scope.key + ":" + subject + "}";
    }

    /** A member, as she is named in the keys. */
    public static String member(long memberId) {
        return "m:" + memberId;
    }

    /** A login that names nobody, counted apart from members' ids and without its text in Redis. */
    public static String unknownLogin(String login) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(login.getBytes(StandardCharsets.UTF_8));
            return "u:" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts one attempt of {@code member} (null: none) from {@code address} (null: none); fails with 429
     * RATE_LIMITED and Retry-After while either is locked or beyond its attempts.
     */
    public Uni<Void> acquire(Action action, String member, String address) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.combine().all().unis(check(action, Scope.MEMBER, member), check(action, Scope.ADDRESS, address))
                .asTuple().map(t -> {
                    Verdict refused = t.getItem1().outranks(t.getItem2()) ? t.getItem1() : t.getItem2();
                    if (refused.kind != Verdict.GO) {
                        throw refused.refusal(limit(action, refused.scope));
                    }
                    return null;
                });
    }

    /** Counts a failure (wrong password, failed verification, unknown code); never fails itself. */
    public Uni<Void> failed(Action action, String member, String address) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.combine().all().unis(fail(action, Scope.MEMBER, member), fail(action, Scope.ADDRESS, address))
                .discardItems();
    }

    private Limit limit(Action action, Scope scope) {
        RateLimitConfig.Action a = switch (action) {
            case LOGIN -> config.login();
            case FACE -> config.face();
            case CERTIFICATE -> config.certificate();
        };
        return scope == Scope.MEMBER ? a.member() : a.address();
    }

    private Uni<Verdict> check(Action action, Scope scope, String subject) {
        Limit limit = limit(action, scope);
        if (subject == null || (limit.attempts() <= 0 && limit.failures() <= 0)) {
            return Uni.createFrom().item(Verdict.go(scope));
        }
        String key = key(action, scope, subject);
        long now = clock.millis();
        return ACQUIRE.run(redis, List.of(key), List.of(Long.toString(now), Integer.toString(limit.attempts()),
                        Long.toString(limit.window().toMillis()), Long.toString(limit.lock().toMillis()), ttl(limit)))
                .map(r -> new Verdict(scope, r.get(0).toInteger(), r.get(1).toLong()))
                .ifNoItem().after(REDIS_WAIT).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Rate limit %s counted by this replica alone (Redis: %s)", key, e.toString());
                    return localCount(key).acquire(scope, now, limit);
                });
    }

    private Uni<Void> fail(Action action, Scope scope, String subject) {
        Limit limit = limit(action, scope);
        if (subject == null || limit.failures() <= 0) {
            return Uni.createFrom().voidItem();
        }
        String key = key(action, scope, subject);
        long now = clock.millis();
        return FAIL.run(redis, List.of(key), List.of(Long.toString(now), Integer.toString(limit.failures()),
                        Long.toString(limit.failureWindow().toMillis()), Long.toString(limit.lock().toMillis()),
                        ttl(limit)))
                .map(Response::toInteger)
                .ifNoItem().after(REDIS_WAIT).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Rate limit failure of %s counted by this replica alone (Redis: %s)", key, e.toString());
                    return localCount(key).fail(now, limit);
                })
                .replaceWithVoid();
    }

    /** The hash lives as long as the longest of its windows and lock, from its last change. */
    private static String ttl(Limit limit) {
        long longest = Math.max(limit.window().toMillis(), Math.max(limit.failureWindow().toMillis(),
                limit.lock().toMillis()));
        return Long.toString(longest + 1000);
    }

    private LocalCount localCount(String key) {
        if (local.size() >= LOCAL_SUBJECTS) {
            local.clear();
        }
        return local.computeIfAbsent(key, k -> new LocalCount());
    }

    private record Verdict(Scope scope, int kind, long waitMillis) {
        static final int GO = 0;
        static final int LOCKED = 1;

        static Verdict go(Scope scope) {
            return new Verdict(scope, GO, 0);
        }

        /** A lock before a full window; the longer wait between two of a kind. */
        boolean outranks(Verdict other) {
            if (kind == GO || other.kind == GO) {
                return other.kind == GO;
            }
            return kind != other.kind ? kind == LOCKED : waitMillis >= other.waitMillis;
        }

        ApiException refusal(Limit limit) {
            int seconds = (int) Math.max(1, (waitMillis + 999) / 1000);
            String why = kind == LOCKED
                    ? "Too many failed attempts " + scope.phrase + ": locked for " + limit.lock().toSeconds() + " s"
                    : "More than " + limit.attempts() + " attempts " + scope.phrase + " within "
                    + limit.window().toSeconds() + " s";
            return new ApiException(429, RATE_LIMITED, why + "; retry after " + seconds + " s.", null, seconds);
        }
    }

    /** The scripts' rules for one subject, in this replica's memory. */
    private static final class LocalCount {
        private long start;
        private int attempts;
        private long failureStart;
        private int failures;
        private long lockedUntil;

        synchronized Verdict acquire(Scope scope, long now, Limit limit) {
            if (lockedUntil > now && lockedUntil - now <= limit.lock().toMillis()) {
                return new Verdict(scope, Verdict.LOCKED, lockedUntil - now);
            }
            if (limit.attempts() <= 0) {
                return Verdict.go(scope);
            }
            if (attempts == 0 || now < start || now >= start + limit.window().toMillis()) {
                start = now;
                attempts = 0;
            }
            attempts++;
            return attempts > limit.attempts() ? new Verdict(scope, 2, start + limit.window().toMillis() - now)
                    : Verdict.go(scope);
        }

        synchronized int fail(long now, Limit limit) {
            if (failures == 0 || now < failureStart || now >= failureStart + limit.failureWindow().toMillis()) {
                failureStart = now;
                failures = 0;
            }
            if (++failures >= limit.failures()) {
                lockedUntil = now + limit.lock().toMillis();
                failures = 0;
                return 1;
            }
            return 0;
        }
    }
}
