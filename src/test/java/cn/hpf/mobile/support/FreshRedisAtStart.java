package cn.hpf.mobile.support;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The test database is re-created at every start, so Redis copies left by an earlier run describe accounts that
 * no longer exist (or at versions PostgreSQL has not reached yet). Start Redis empty too; only this run's own
 * index is flushed ({@link RedisTestClient}).
 */
@Singleton
public class FreshRedisAtStart {

    void onStart(@Observes StartupEvent event, RedisTestClient redis) {
        redis.flushDb();
    }
}
