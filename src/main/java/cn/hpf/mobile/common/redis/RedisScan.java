package cn.hpf.mobile.common.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Walks the keys that match a pattern with SCAN (never KEYS), in bounded steps. The one place that enumerates
 * keys, so that walking every master of a Redis Cluster (where a SCAN sees one node) is a change here only.
 */
@ApplicationScoped
public class RedisScan {

    private static final int STEP = 1000;

    private final ReactiveRedisDataSource redis;

    public RedisScan(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Multi<String> keys(String pattern) {
        return redis.key(String.class).scan(new KeyScanArgs().match(pattern).count(STEP)).toMulti();
    }
}
