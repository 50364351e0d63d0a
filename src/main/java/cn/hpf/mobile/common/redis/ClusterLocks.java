package cn.hpf.mobile.common.redis;

import cn.hpf.mobile.common.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Short locks that keep replicas from doing the same periodic work at the same time. A lock is only an
 * efficiency: Redis can lose it (failover) or it can expire during a long pass, so the work under it must be safe
 * to run twice. What the lock does guarantee: a replica only ever releases its own lock (compare-and-delete on a
 * random token), never one another replica took after it expired.
 */
@ApplicationScoped
public class ClusterLocks {

    private static final LuaScript RELEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final ReactiveRedisDataSource redis;

    public ClusterLocks(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Runs {@code work} when the lock is free, else answers {@code whenBusy}; releases only its own lock. */
    public <T> Uni<T> whenFree(String name, Duration ttl, Supplier<Uni<T>> work, T whenBusy) {
        String key = "hpf:lock:" + name;
        String token = UUID.randomUUID().toString();
        return redis.execute("SET", key, token, "NX", "PX", Long.toString(ttl.toMillis())).chain(taken -> taken == null
                ? Uni.createFrom().item(whenBusy)
                : Uni.createFrom().deferred(work::get).onTermination().call(() ->
                        RELEASE.run(redis, List.of(key), List.of(token)).onFailure().recoverWithNull()));
    }
}
