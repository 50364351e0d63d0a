package cn.hpf.mobile.payout;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Withdrawal status changes, published after commit on a Redis channel and fanned out to the event streams open
 * on this replica, so a change made by any replica reaches every stream. Pub/sub is fire-and-forget: a message
 * lost to a crash or a Redis restart is caught by the streams' heartbeat re-reads from PostgreSQL.
 */
@ApplicationScoped
public class WithdrawalEventHub {

    private static final Logger LOG = Logger.getLogger(WithdrawalEventHub.class);
    private static final TypeReference<List<WithdrawalEvent>> EVENTS = new TypeReference<>() {
    };

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final ConcurrentHashMap<UUID, Set<Consumer<WithdrawalEvent>>> listeners = new ConcurrentHashMap<>();
    private volatile Cancellable subscription;

    public WithdrawalEventHub(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    void onStart(@Observes StartupEvent event) {
        subscription = redis.pubsub(String.class).subscribe(WithdrawalNotifications.CHANNEL)
                .onFailure().invoke(e -> LOG.warnf("Withdrawal events subscription lost (%s); resubscribing", e.toString()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(this::onMessage);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /** Calls {@code listener} with every change of this withdrawal until the returned handle is run. */
    public Runnable listen(UUID withdrawalId, Consumer<WithdrawalEvent> listener) {
        listeners.computeIfAbsent(withdrawalId, id -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(withdrawalId, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Publishes the events a committed statement described in its {@code notified} column. Never fails the caller:
     * the money moved already, and streams re-read the state on their heartbeat.
     */
    Uni<Void> publish(RowSet<Row> rows) {
        var it = rows.iterator();
        String events = it.hasNext() ? it.next().getString("notified") : null;
        if (events == null) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("PUBLISH", WithdrawalNotifications.CHANNEL, events).replaceWithVoid()
                .onFailure().invoke(e -> LOG.debugf("Withdrawal events not published (%s)", e.toString()))
                .onFailure().recoverWithNull();
    }

    void onMessage(String payload) {
        List<WithdrawalEvent> events;
        try {
            events = json.readValue(payload, EVENTS);
        } catch (Exception e) {
            LOG.warnf("Unreadable withdrawal events: %s", payload);
            return;
        }
        for (WithdrawalEvent event : events) {
            Set<Consumer<WithdrawalEvent>> targets = listeners.get(event.id());
            if (targets != null) {
                targets.forEach(listener -> listener.accept(event));
            }
        }
    }
}
