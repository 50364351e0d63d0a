package cn.hpf.mobile.certificate;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Bounds the public verifications per client address: a fixed window counted in Redis, shared by every replica.
 * Verification codes are unguessable already; the bound keeps anyone from trying them in bulk or using the route
 * to load the database.
 *
 * <p>Redis is never what makes the route fail: when it cannot answer (down, failing over, slow), each replica counts
 * in its own memory with the same window and limit, so a Redis outage at worst multiplies the bound by the number
 * of replicas.
 */
@ApplicationScoped
public class VerificationRateLimit {

    private static final Logger LOG = Logger.getLogger(VerificationRateLimit.class);
    static final String RATE_LIMITED = "RATE_LIMITED";
    /** Redis gets this long; after it the replica's own count decides. */
    private static final Duration REDIS_WAIT = Duration.ofMillis(300);
    /** A replica's own windows, cleared as a whole when this many addresses are in it. */
    private static final int LOCAL_ADDRESSES = 10_000;

    /** ARGV: the window in ms. Returns the count in this window, the key expiring with it. */
    private static final LuaScript COUNT = new LuaScript("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """);

    private final ReactiveRedisDataSource redis;
    private final CertificateConfig config;
    private final Clock clock;
    private final Map<String, AtomicInteger> local = new ConcurrentHashMap<>();

    public VerificationRateLimit(ReactiveRedisDataSource redis, CertificateConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** Counts one verification from {@code address}; fails with 429 RATE_LIMITED beyond the limit. */
    public Uni<Void> acquire(String address) {
        long windowMillis = config.verifyRateWindow().toMillis();
        long now = clock.millis();
        long window = now / windowMillis;
        int retryAfter = (int) Math.max(1, ((window + 1) * windowMillis - now + 999) / 1000);
        String key = "cert:verify:" + address + ":" + window;
        return COUNT.run(redis, List.of(key), List.of(Long.toString(windowMillis + 1000)))
                .map(r -> r.toLong())
                .ifNoItem().after(REDIS_WAIT).fail()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Verification rate limit counted by this replica alone (Redis: %s)", e.toString());
                    return countLocally(key);
                })
                .map(count -> {
                    if (count > config.verifyRateLimit()) {
                        throw new ApiException(429, RATE_LIMITED, "More than " + config.verifyRateLimit()
                                + " verifications from this address in " + config.verifyRateWindow().toSeconds()
                                + " s; retry after " + retryAfter + " s.", null, retryAfter);
                    }
                    return null;
                });
    }

    private long countLocally(String key) {
        if (local.size() >= LOCAL_ADDRESSES) {
            local.clear();
        }
        // Keys carry their window: an entry of a past window is never read again, and goes with the next clear.
        return local.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
}
