package cn.hpf.mobile.support;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The test database is recreated at every start (Flyway clean), so the test Redis index must be too: otherwise
 * copies from an earlier run carry versions newer than the fresh rows and rightly refuse to be overwritten.
 */
@ApplicationScoped
public class FreshRedisOnStart {

    void onStart(@Observes StartupEvent event, RedisTestClient redis) {
        redis.flushDb();
    }
}
