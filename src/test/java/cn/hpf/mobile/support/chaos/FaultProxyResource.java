package cn.hpf.mobile.support.chaos;

import cn.hpf.mobile.support.chaos.FaultProxy.Mode;
import cn.hpf.mobile.support.chaos.FaultProxy.RouteSpec;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts the {@link FaultProxy} between the app under test and PostgreSQL (the request pool only: Flyway and the
 * tests' own JDBC go direct) and Redis, routes {@code pg} and {@code redis}, so that a test can stall, reset or
 * refuse either one while the app runs.
 */
public class FaultProxyResource implements QuarkusTestResourceLifecycleManager {

    private static Vertx vertx;
    private static FaultProxy proxy;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        proxy = await(FaultProxy.start(vertx, List.of(
                new RouteSpec("pg", "127.0.0.1", 0, "127.0.0.1", 5432),
                new RouteSpec("redis", "127.0.0.1", 0, "127.0.0.1", 6379)), "127.0.0.1", -1));
        String db = System.getenv().getOrDefault("HPF_TEST_DB", "hpf_test");
        String redisDb = System.getenv().getOrDefault("HPF_TEST_REDIS_DB", "1");
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port("pg") + "/" + db,
                "hpf.redis.url", "redis://127.0.0.1:" + proxy.port("redis") + "/" + redisDb);
    }

    @Override
    public void stop() {
        if (proxy != null) {
            await(proxy.close());
        }
        if (vertx != null) {
            await(vertx.close());
        }
    }

    /** Switches a route ({@code pg}, {@code redis}) to a mode. */
    public static void set(String route, Mode mode) {
        await(proxy.set(route, mode, 0));
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
