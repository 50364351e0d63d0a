package cn.hpf.mobile.support;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The blocking Redis API, for tests only. The test profile points at its own Redis database index, so FLUSHDB here
 * never touches the demo's data.
 */
@ApplicationScoped
public class RedisTestClient {

    private final RedisDataSource redis;

    public RedisTestClient(RedisDataSource redis) {
        this.redis = redis;
    }

    public void flushDb() {
        redis.execute("FLUSHDB");
    }

    public String hget(String key, String field) {
        var r = redis.execute("HGET", key, field);
        return r == null ? null : r.toString();
    }

    public boolean exists(String key) {
        return redis.execute("EXISTS", key).toLong() == 1L;
    }

    /** KEYS is fine on the tests' own small database index. */
    public java.util.List<String> keys(String pattern) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        redis.execute("KEYS", pattern).forEach(k -> keys.add(k.toString()));
        return keys;
    }
}
