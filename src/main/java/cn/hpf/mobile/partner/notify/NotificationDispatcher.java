package cn.hpf.mobile.partner.notify;

import cn.hpf.mobile.common.InstanceIdentity;
import cn.hpf.mobile.common.Tracing;
import cn.hpf.mobile.partner.PartnerConfig;
import cn.hpf.mobile.partner.signing.CentreKeys;
import cn.hpf.partner.client.HpfSignature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Delivers numbered partner events to each app's notifyUrl, at least once: a delivery is leased in PostgreSQL
 * (so exactly one replica attempts it at a time, and a crashed replica's lease expires into another's hands), POSTed
 * signed like a response (with a fresh nonce), and acknowledged by any 2xx within the timeout, whatever the body.
 * Otherwise it is tried again on the retry schedule (by default about 25 hours), then FAILED; every attempt is in
 * the operators' delivery log.
 */
@ApplicationScoped
public class NotificationDispatcher {

    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    private static final int MAX_ERROR = 500;

    private final EventRepository events;
    private final Tracing tracing;
    private final CentreKeys keys;
    private final PartnerConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final String instance;
    private final WebClient http;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    public NotificationDispatcher(EventRepository events, CentreKeys keys, PartnerConfig config, ObjectMapper json,
                                  Clock clock, InstanceIdentity instance, Vertx vertx, Tracing tracing) {
        this.events = events;
        this.tracing = tracing;
        this.keys = keys;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.instance = instance.id();
        this.http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(config.delivery().timeout().toMillis(), Integer.MAX_VALUE))
                .setUserAgent("hpf-mobile-notifier/1"));
    }

    @Scheduled(every = "${hpf.partner.notify.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped.set(true);
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Claims as many due deliveries as there are free slots; one claim at a time on this replica. */
    public void wake() {
        if (stopped.get() || !claiming.compareAndSet(false, true)) {
            return;
        }
        int free = config.delivery().maxInFlight() - inFlight.size();
        if (free <= 0) {
            claiming.set(false);
            return;
        }
        events.claim(instance, free, config.delivery().lease()).subscribe().with(claimed -> {
            claiming.set(false);
            claimed.forEach(this::deliver);
        }, e -> {
            claiming.set(false);
            LOG.warnf("Could not claim partner deliveries: %s", e.toString());
        });
    }

    private void deliver(EventRepository.Claimed c) {
        inFlight.add(c.eventId());
        // Once recorded, the next event of the same withdrawal may be due at once: look again.
        Uni<Void> delivery = ChannelEventSql.WITHDRAWAL_STATUS_CHANGED.equals(c.event().type())
                ? tracing.span("partner.notification", UUID.fromString(String.valueOf(c.event().data().get("id"))),
                        () -> attempt(c))
                : attempt(c);
        delivery.onTermination().invoke(() -> inFlight.remove(c.eventId())).subscribe().with(x -> wake(),
                e -> LOG.warnf("Delivery of %s not recorded (%s); its lease expires and it is tried again",
                        c.eventId(), e.toString()));
    }

    Uni<Void> attempt(EventRepository.Claimed c) {
        byte[] body = body(c.event());
        CentreKeys.Signed s = keys.sign(clock.instant().getEpochSecond(), HpfSignature.newNonce(), body);
        OffsetDateTime at = OffsetDateTime.now(clock);
        long started = System.nanoTime();
        return http.postAbs(c.notifyUrl())
                .timeout(config.delivery().timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(HpfSignature.KEY_ID_HEADER, s.keyId())
                .putHeader(HpfSignature.TIMESTAMP_HEADER, s.timestamp())
                .putHeader(HpfSignature.NONCE_HEADER, s.nonce())
                .putHeader(HpfSignature.SIGNATURE_HEADER, s.signature())
                .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.newInstance(Buffer.buffer(body)))
                .map(r -> outcome(r, null))
                .onFailure().recoverWithItem(e -> outcome(null, e))
                .chain(o -> {
                    int latency = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
                    Long retry = o.acknowledged() ? null : retryIn(c.attempt());
                    return events.record(c.eventId(), instance, o.acknowledged(), retry, at, o.status(), latency,
                            o.error());
                });
    }

    /** Wait before the next attempt after attempt {@code attempt} (1-based) failed; null when none is left. */
    Long retryIn(int attempt) {
        List<Duration> schedule = config.delivery().retrySchedule();
        return attempt - 1 < schedule.size() ? schedule.get(attempt - 1).toMillis() : null;
    }

    private record Outcome(boolean acknowledged, Integer status, String error) {
    }

    private static Outcome outcome(HttpResponse<?> r, Throwable e) {
        if (r != null) {
            boolean ok = r.statusCode() >= 200 && r.statusCode() < 300;
            return new Outcome(ok, r.statusCode(), ok ? null : "HTTP " + r.statusCode());
        }
        String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new Outcome(false, null, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
    }

    private byte[] body(ChannelEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
