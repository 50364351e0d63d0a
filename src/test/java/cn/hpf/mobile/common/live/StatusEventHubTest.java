package cn.hpf.mobile.common.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatusEventHubTest {

    @Inject
    ReactiveRedisDataSource reactiveRedis;
    @Inject
    RedisDataSource redis;
    @Inject
    ObjectMapper json;

    // Pub/sub ignores the database index: channels of their own keep other test runs on this Redis out.
    private final String suffix = UUID.randomUUID().toString();
    private StatusEventHub<Step> first;
    private StatusEventHub<Step> second;

    @BeforeEach
    void subscribe() {
        first = hub("hpf:test-first:" + suffix);
        second = hub("hpf:test-second:" + suffix);
    }

    @AfterEach
    void unsubscribe() {
        first.unsubscribe();
        second.unsubscribe();
    }

    @Test
    void aSecondChannelDoesNotHearTheFirstOnesEvents() {
        UUID id = UUID.randomUUID();
        List<Step> heardFirst = new CopyOnWriteArrayList<>();
        List<Step> heardSecond = new CopyOnWriteArrayList<>();
        Runnable stopFirst = first.listen(id, heardFirst::add);
        Runnable stopSecond = second.listen(id, heardSecond::add);
        try {
            first.publish(events(id, "OPENED", "MOVING")).await().indefinitely();
            await().atMost(Duration.ofSeconds(5)).until(() -> heardFirst.size() == 2);
            assertThat(heardFirst).containsExactly(new Step(id, "OPENED"), new Step(id, "MOVING"));

            // Messages reach one subscriber in order: once this one arrived, a stray first-channel one would have.
            second.publish(events(id, "DONE")).await().indefinitely();
            await().atMost(Duration.ofSeconds(5)).until(() -> !heardSecond.isEmpty());
            assertThat(heardSecond).containsExactly(new Step(id, "DONE"));
            assertThat(heardFirst).hasSize(2);
        } finally {
            stopFirst.run();
            stopSecond.run();
        }
    }

    @Test
    void onlyTheListenersOfTheEventsIdHearItUntilTheyStop() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<Step> heard = new CopyOnWriteArrayList<>();
        List<Step> heardOther = new CopyOnWriteArrayList<>();
        Runnable stop = first.listen(id, heard::add);
        Runnable stopOther = first.listen(other, heardOther::add);
        try {
            first.publish("not json").await().indefinitely(); // logged and dropped; the subscription goes on
            first.publish(events(id, "OPENED")).await().indefinitely();
            await().atMost(Duration.ofSeconds(5)).until(() -> !heard.isEmpty());
            stop.run();
            first.publish(events(id, "MOVING")).await().indefinitely();
            first.publish(events(other, "MOVING")).await().indefinitely();
            await().atMost(Duration.ofSeconds(5)).until(() -> !heardOther.isEmpty());
            assertThat(heard).containsExactly(new Step(id, "OPENED"));
            assertThat(heardOther).containsExactly(new Step(other, "MOVING"));
        } finally {
            stopOther.run();
        }
    }

    @Test
    void aStreamSendsTheCurrentStateThenEachChangeWithHeartbeatsAndClosesAtTheEnd() {
        UUID id = UUID.randomUUID();
        AtomicInteger reads = new AtomicInteger();
        AssertSubscriber<OutboundSseEvent> client = StatusStreams.open(first, SseImpl.INSTANCE, Duration.ofMillis(100),
                        id, () -> Uni.createFrom().item(() -> {
                            reads.incrementAndGet();
                            return new Step(id, "OPENED");
                        }), () -> new IllegalStateException("gone"))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        // Every heartbeat re-reads the state (which has not moved here, so nothing more is sent).
        await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() >= 3);
        assertThat(client.getItems()).anyMatch(e -> "heartbeat".equals(e.getComment()));
        second.publish(events(id, "DONE")).await().indefinitely();
        first.publish(events(id, "MOVING")).await().indefinitely();
        first.publish(events(id, "OPENED")).await().indefinitely();
        first.publish(events(id, "DROPPED")).await().indefinitely();

        client.awaitCompletion(Duration.ofSeconds(5));
        assertThat(client.getItems().stream().filter(e -> e.getComment() == null).map(OutboundSseEvent::getData))
                .containsExactly(new Step(id, "OPENED"), new Step(id, "MOVING"), new Step(id, "DROPPED"));
        int readsAtTheEnd = reads.get();
        await().alias("no heartbeat once closed").during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> reads.get() == readsAtTheEnd);
    }

    @Test
    void aStreamWhoseItemIsGoneFailsWithTheResourcesError() {
        AssertSubscriber<OutboundSseEvent> client = StatusStreams.open(first, SseImpl.INSTANCE, Duration.ofSeconds(30),
                        UUID.randomUUID(), () -> Uni.createFrom().nullItem(), () -> new IllegalStateException("gone"))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        client.awaitFailure(Duration.ofSeconds(5)).assertFailedWith(IllegalStateException.class, "gone");
    }

    private StatusEventHub<Step> hub(String channel) {
        StatusEventHub<Step> hub = new StatusEventHub<>(channel, Step.class, reactiveRedis, json) {
        };
        hub.subscribe();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                redis.execute("PUBSUB", "NUMSUB", channel).get(1).toInteger() > 0);
        return hub;
    }

    private static String events(UUID id, String... statuses) {
        StringBuilder out = new StringBuilder("[");
        for (String status : statuses) {
            out.append(out.length() > 1 ? "," : "").append("{\"id\":\"").append(id).append("\",\"status\":\"")
                    .append(status).append("\"}");
        }
        return out.append("]").toString();
    }
}
