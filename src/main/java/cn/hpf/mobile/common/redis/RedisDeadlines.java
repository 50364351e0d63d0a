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
import io.vertx.redis.client.impl.types.ErrorType;
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
 *
 * <p>Once Redis has stopped answering, {@link RedisBreaker} stops sending it commands for a while: they fail at once
 * with {@link NotSent}, so that a stall costs each request one fallback, not a command timeout per Redis step.
 */
public class RedisDeadlines {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    ReactiveRedisDataSource dataSource(Vertx vertx, Redis redis, MeterRegistry registry, RedisBreaker breaker,
                                       @ConfigProperty(name = "hpf.redis.command-timeout", defaultValue = "PT1S")
                                       Duration timeout) {
        Counter exceeded = Counter.builder("hpf.deadline.exceeded").tag("where", "redis")
                .description("Operations given up on at their client-side deadline").register(registry);
        Counter refused = Counter.builder("hpf.redis.breaker.refused")
                .description("Redis commands not sent: Redis had stopped answering (the breaker was open)")
                .register(registry);
        return new Bounded(vertx, redis, timeout, breaker, exceeded, refused);
    }

    @Produces
    @Singleton
    RedisBreaker breaker(@ConfigProperty(name = "hpf.redis.breaker-after", defaultValue = "3") int after,
                         @ConfigProperty(name = "hpf.redis.breaker-open-for", defaultValue = "PT2S") Duration openFor) {
        return new RedisBreaker(after, openFor, System::nanoTime);
    }

    /** No answer from Redis in time: the command may or may not have run. */
    public static final class NoAnswer extends VertxException {

        NoAnswer(Duration timeout) {
            super("Redis gave no answer within " + timeout, true);
        }
    }

    /** Not sent: Redis had stopped answering (RedisBreaker). The command certainly did nothing. */
    public static final class NotSent extends VertxException {

        NotSent() {
            super("Redis is not answering: command not sent", true);
        }
    }

    /** Every command of the data source goes through {@link #execute(Request)}, the typed groups' included. */
    private static final class Bounded extends ReactiveRedisDataSourceImpl {

        private final Duration timeout;
        private final RedisBreaker breaker;
        private final Counter exceeded;
        private final Counter refused;

        Bounded(Vertx vertx, Redis redis, Duration timeout, RedisBreaker breaker, Counter exceeded,
                Counter refused) {
            super(vertx, redis, RedisAPI.api(redis));
            this.timeout = timeout;
            this.breaker = breaker;
            this.exceeded = exceeded;
            this.refused = refused;
        }

        @Override
        public Uni<Response> execute(Request request) {
            return Uni.createFrom().deferred(() -> {
                RedisBreaker.Permit permit = breaker.permit();
                if (permit == RedisBreaker.Permit.REFUSE) {
                    refused.increment();
                    return Uni.createFrom().failure(new NotSent());
                }
                return super.execute(request).ifNoItem().after(timeout).failWith(() -> {
                    exceeded.increment();
                    return new NoAnswer(timeout);
                }).onItemOrFailure().invoke((item, failure) -> {
                    if (failure == null || failure instanceof ErrorType) {
                        breaker.answered(permit);
                    } else if (failure instanceof NoAnswer) {
                        breaker.silent(permit);
                    } else {
                        breaker.failed(permit);
                    }
                });
            });
        }
    }
}
