package cn.hpf.mobile.common.live;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Status changes of one kind, published after commit on one Redis pub/sub channel and fanned out to the listeners
 * (event streams) open on this replica, so a change made by any replica reaches every stream. Pub/sub is
 * fire-and-forget: a message lost to a crash or a Redis restart is caught by the streams' heartbeat re-reads.
 *
 * <p>One {@code @Singleton} subclass per channel, which only names the channel and the event type (not
 * {@code @ApplicationScoped}: its client proxy would need a no-args constructor). The subclass inherits the startup
 * and shutdown observers, so it subscribes once at startup. A message is a JSON
 * array of events (one statement may change several rows), each routed by its {@link StatusEvent#id()}.
 */
public abstract class StatusEventHub<E extends StatusEvent> {

    /** The column a status-changing statement returns its events in, as a JSON array (or null: nothing changed). */
    public static final String NOTIFIED_COLUMN = "notified";

    private static final Logger LOG = Logger.getLogger(StatusEventHub.class);

    private final String channel;
    private final Class<E> type;
    private final JavaType listOfEvents;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final ConcurrentHashMap<UUID, Set<Consumer<? super E>>> listeners = new ConcurrentHashMap<>();
    private volatile Cancellable subscription;

    protected StatusEventHub(String channel, Class<E> type, ReactiveRedisDataSource redis, ObjectMapper json) {
        this.channel = channel;
        this.type = type;
        this.listOfEvents = json.getTypeFactory().constructCollectionType(List.class, type);
        this.redis = redis;
        this.json = json;
    }

    public String channel() {
        return channel;
    }

    /** The event class, whose JSON the streams send. */
    public Class<E> type() {
        return type;
    }

    protected void subscribeOnStart(@Observes StartupEvent event) {
        subscribe();
    }

    protected void unsubscribeOnStop(@Observes ShutdownEvent event) {
        unsubscribe();
    }

    /** Starts hearing the channel, resubscribing for as long as it takes when Redis goes away. */
    public synchronized void subscribe() {
        if (subscription != null) {
            return;
        }
        subscription = redis.pubsub(String.class).subscribe(channel)
                .onFailure().invoke(e -> LOG.warnf("Events subscription on %s lost (%s); resubscribing", channel,
                        e.toString()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(this::onMessage);
    }

    public synchronized void unsubscribe() {
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }

    /** Calls {@code listener} with every change of {@code id} until the returned handle is run. */
    public Runnable listen(UUID id, Consumer<? super E> listener) {
        listeners.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet()).add(listener);
        return () -> listeners.computeIfPresent(id, (key, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /**
     * Publishes a JSON array of events on the channel. Call it after the change committed (an event must exist
     * exactly when the change does). Never fails the caller: the change is made already, and streams re-read the
     * state on their heartbeat.
     */
    public Uni<Void> publish(String events) {
        if (events == null) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("PUBLISH", channel, events).replaceWithVoid()
                .onFailure().invoke(e -> LOG.debugf("Events on %s not published (%s)", channel, e.toString()))
                .onFailure().recoverWithNull();
    }

    /**
     * Publishes the events a committed statement described in its {@value #NOTIFIED_COLUMN} column (first row),
     * typically {@code db.preparedQuery(sql).execute(args).call(hub::publishNotified)} on a pool (autocommit).
     */
    public Uni<Void> publishNotified(RowSet<Row> rows) {
        var it = rows.iterator();
        return publish(it.hasNext() ? it.next().getString(NOTIFIED_COLUMN) : null);
    }

    /**
     * Publishes, in one message, the events every row of a committed batch described in its
     * {@value #NOTIFIED_COLUMN} column (a JSON array each, null where a row described none).
     */
    public Uni<Void> publishEveryNotified(RowSet<Row> rows) {
        StringBuilder all = new StringBuilder("[");
        for (Row r : rows) {
            String events = r.getString(NOTIFIED_COLUMN);
            if (events != null && events.length() > 2) {
                all.append(all.length() > 1 ? "," : "").append(events, 1, events.length() - 1);
            }
        }
        return publish(all.length() > 1 ? all.append(']').toString() : null);
    }

    private void onMessage(String payload) {
        List<E> events;
        try {
            events = json.readValue(payload, listOfEvents);
        } catch (Exception e) {
            LOG.warnf("Unreadable events on %s: %s", channel, payload);
            return;
        }
        for (E event : events) {
            Set<Consumer<? super E>> targets = event == null || event.id() == null ? null : listeners.get(event.id());
            if (targets != null) {
                targets.forEach(listener -> listener.accept(event));
            }
        }
    }
}
