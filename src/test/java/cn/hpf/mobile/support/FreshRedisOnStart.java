package cn.hpf.mobile.support;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Every test application start re-creates the database (Flyway clean-at-start); the test's own Redis index is
 * emptied with it, or Redis copies of the old rows (with higher versions) would shadow the new ones.
 */
@Singleton
public class FreshRedisOnStart {

    void onStart(@Observes @Priority(1) StartupEvent event, RedisTestClient redis) {
        redis.flushDb();
    }
}
