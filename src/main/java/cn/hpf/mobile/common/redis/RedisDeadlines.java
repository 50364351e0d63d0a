package cn.hpf.mobile.common.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.smallrye.mutiny.Uni;
import io.vertx.core.VertxException;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Redis data source as the application gets it: every command (and every Lua script) answers within
 * {@code hpf.redis.command-timeout} or fails with {@link NoAnswer}. The reactive client has no command timeout
 * ({@code quarkus.redis.timeout} bounds only the blocking API), and a stalled Redis (the connection open, no byte
 * moving) would otherwise hold the request for the whole stall.
 *
 * <p>A command without an answer in time is what a command whose connection broke is: it may or may not have run,
 * and may still run once the stall ends. Callers treat every Redis failure alike (Redis is never the truth: reads
 * fall back to PostgreSQL, a money script whose answer was lost leaves a hold or reservation that recovery
 * reconciles with PostgreSQL), so {@link NoAnswer} is a plain failure, neither a refusal nor an answer.
 * Subscriptions (the event hubs' pub/sub connections) are not commands and are not bounded here.
 */
public class RedisDeadlines {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    ReactiveRedisDataSource dataSource(Vertx vertx, Redis redis, MeterRegistry registry,
                                       @ConfigProperty(name = "hpf.redis.command-timeout", defaultValue = "PT1S")
                                       Duration timeout) {
        Counter exceeded = Counter.builder("hpf.deadline.exceeded").tag("where", "redis")
                .description("Operations given up on at their client-side deadline").register(registry);
        return new Bounded(vertx, redis, timeout, exceeded);
    }

    /** No answer from Redis in time: the command may or may not have run. */
    public static final class NoAnswer extends VertxException {

        NoAnswer(Duration timeout) {
            super("Redis gave no answer within " + timeout, true);
        }
    }

    /** Every command of the data source goes through {@link #execute(Request)}, the typed groups' included. */
    private static final class Bounded extends ReactiveRedisDataSourceImpl {

        private final Duration timeout;
        private final Counter exceeded;

        Bounded(Vertx vertx, Redis redis, Duration timeout, Counter exceeded) {
            super(vertx, redis, RedisAPI.api(redis));
            this.timeout = timeout;
            this.exceeded = exceeded;
        }

        @Override
        public Uni<Response> execute(Request request) {
            return super.execute(request).ifNoItem().after(timeout).failWith(() -> {
                exceeded.increment();
                return new NoAnswer(timeout);
            });
        }
    }
}
