package cn.hpf.mobile.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.hpf.mobile.support.RedisTestClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A replica only ever releases its own lock, even when its pass outlives the lock and another replica took it. */
@QuarkusTest
class ClusterLocksTest {

    @Inject
    ClusterLocks locks;
    @Inject
    RedisDataSource redis;
    @Inject
    RedisTestClient redisTest;

    @Test
    void aPassLongerThanItsLockNeverDeletesTheLockAnotherReplicaTookSince() throws Exception {
        String key = "hpf:lock:long-pass";
        CompletableFuture<Void> theirTurn = new CompletableFuture<>();
        CompletableFuture<Void> passDone = new CompletableFuture<>();
        var pass = locks.whenFree("long-pass", Duration.ofMillis(200),
                () -> Uni.createFrom().completionStage(passDone).replaceWith(1), 0).subscribeAsCompletionStage();
        // Our lock expires during the pass; another replica takes it.
        await().atMost(Duration.ofSeconds(5)).until(() -> !redisTest.exists(key));
        redis.value(String.class).set(key, "another-replica");
        theirTurn.complete(null);
        passDone.complete(null);
        assertThat(pass.get()).isEqualTo(1);
        assertThat(redis.value(String.class).get(key)).isEqualTo("another-replica");
        redis.key().del(key);
    }

    @Test
    void whileOneReplicaHoldsTheLockAnotherSkipsTheWork() {
        AtomicInteger ran = new AtomicInteger();
        CompletableFuture<Void> release = new CompletableFuture<>();
        var first = locks.whenFree("busy", Duration.ofSeconds(30),
                () -> Uni.createFrom().completionStage(release).invoke(ran::incrementAndGet).replaceWith(1), 0)
                .subscribeAsCompletionStage();
        int second = locks.whenFree("busy", Duration.ofSeconds(30),
                () -> Uni.createFrom().item(ran.incrementAndGet()), 0).await().atMost(Duration.ofSeconds(5));
        assertThat(second).isZero();
        release.complete(null);
        assertThat(first.join()).isEqualTo(1);
        assertThat(ran.get()).isEqualTo(1);
        assertThat(redisTest.exists("hpf:lock:busy")).isFalse();
    }
}
