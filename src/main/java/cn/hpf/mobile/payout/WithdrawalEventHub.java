package cn.hpf.mobile.payout;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One LISTEN connection per replica ({@link PgSubscriber}) on the channel the payout statements notify, fanned out
 * to the event streams open on this replica. So a change made by any replica reaches every stream.
 */
@ApplicationScoped
public class WithdrawalEventHub {

    private static final Logger LOG = Logger.getLogger(WithdrawalEventHub.class);

    private final Vertx vertx;
    private final ObjectMapper json;
    private final PgConnectOptions options;
    private final ConcurrentHashMap<UUID, Set<Consumer<WithdrawalEvent>>> listeners = new ConcurrentHashMap<>();
    private PgSubscriber subscriber;

    public WithdrawalEventHub(Vertx vertx, ObjectMapper json,
                              @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                              @ConfigProperty(name = "quarkus.datasource.username") String user,
                              @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.json = json;
        this.options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(user)
                .setPassword(password);
    }

    void onStart(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, options)
                // Reconnect forever, once a second: notifications missed meanwhile are caught by the streams'
                // heartbeat re-reads.
                .reconnectPolicy(retries -> 1000L);
        subscriber.channel(WithdrawalNotifications.CHANNEL).handler(this::onNotification);
        subscriber.connect()
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(ok -> LOG.debug("Listening for withdrawal changes"),
                        e -> LOG.errorf(e, "Could not LISTEN for withdrawal changes"));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndForget();
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

    private void onNotification(String payload) {
        WithdrawalEvent event;
        try {
            event = json.readValue(payload, WithdrawalEvent.class);
        } catch (Exception e) {
            LOG.warnf("Unreadable withdrawal notification: %s", payload);
            return;
        }
        Set<Consumer<WithdrawalEvent>> targets = listeners.get(event.id());
        if (targets != null) {
            targets.forEach(listener -> listener.accept(event));
        }
    }
}
