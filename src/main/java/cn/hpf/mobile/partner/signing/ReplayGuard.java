package cn.hpf.mobile.partner.signing;

import cn.hpf.mobile.common.LuaScript;
import cn.hpf.mobile.partner.PartnerConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * A signed request's nonce is accepted once per app (across replicas: Redis), and each app's requests are
 * counted against its rate limit, in one round trip on the app's own hash slot.
 *
 * <p>Redis may lose the nonces it remembers (a flush, an eviction). Each app therefore also has an epoch key
 * without expiry, written when the app's memory is (re)started: a request whose timestamp (a whole second) is
 * before the epoch's second cannot be proven fresh and is refused. After a loss that refuses only the requests signed before it (those in
 * flight at that moment). An app's very first memory starts at 0 (PostgreSQL records that it has started, so a
 * later missing epoch is known to be a loss). Money requests are backstopped in PostgreSQL besides (outBizNo). A
 * failover that loses only the last nonces written keeps the epoch and cannot tell; the outBizNo backstop is what
 * holds there.
 */
@ApplicationScoped
public class ReplayGuard {

    public enum Verdict {
        FRESH, REPLAYED, RATE_LIMITED
    }

    /** ARGV: the epoch if none is kept, timestamp seconds, nonce memory seconds, rate limit per second (0: none). */
    private static final LuaScript CHECK = new LuaScript("""
            local epoch = redis.call('GET', KEYS[1])
            if not epoch then
              redis.call('SET', KEYS[1], ARGV[1])
              epoch = ARGV[1]
            end
            if tonumber(ARGV[2]) < math.floor(tonumber(epoch) / 1000) then return 0 end
            if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[3]) then return 0 end
            if tonumber(ARGV[4]) > 0 then
              local n = redis.call('INCR', KEYS[3])
              if n == 1 then redis.call('EXPIRE', KEYS[3], 2) end
              if n > tonumber(ARGV[4]) then return 2 end
            end
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final PartnerConfig config;
    private final Clock clock;

    public ReplayGuard(ReactiveRedisDataSource redis, PartnerConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** {@code memoryStarted}: the app's nonce memory existed before, so a missing epoch means it was lost. */
    public Uni<Verdict> check(String appId, boolean memoryStarted, String nonce, long timestampSeconds,
                              int rateLimitPerSecond) {
        long now = clock.millis();
        String tag = tag(appId);
        int limit = config.rateLimitEnabled() ? rateLimitPerSecond : 0;
        return CHECK.run(redis, List.of(tag + ":epoch", tag + ":nonce:" + nonce, tag + ":rate:" + now / 1000),
                        List.of(Long.toString(memoryStarted ? now : 0), Long.toString(timestampSeconds),
                                Long.toString(config.nonceMemory().toSeconds()), Integer.toString(limit)))
                .map(r -> switch (r.toInteger()) {
                    case 1 -> Verdict.FRESH;
                    case 2 -> Verdict.RATE_LIMITED;
                    default -> Verdict.REPLAYED;
                });
    }

    /** Every key of one app shares this hash tag (one slot on Redis Cluster). */
    static String tag(String appId) {
        return "{pa:" + appId + "}";
    }
}
