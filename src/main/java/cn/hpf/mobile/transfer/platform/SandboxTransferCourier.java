package cn.hpf.mobile.transfer.platform;

import cn.hpf.mobile.common.ApiException;
import cn.hpf.mobile.common.InstanceIdentity;
import cn.hpf.mobile.common.callback.CallbackSignature;
import cn.hpf.mobile.transfer.platform.SandboxTransferPlatformRepository.Claimed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Delivers the sandbox platform's due notifications as the real platform would: each attempt signed with a fresh
 * timestamp and nonce, through the same {@link PlatformCallbackHandler} as the HTTP callback. A 2xx delivers it;
 * 409, 503 or a failure without an answer repeat it with a doubling wait; another 4xx abandons it. Every Nth
 * delivery is made twice (hpf.transfer.sandbox.duplicate-every), since a real platform may. Claims are leased in
 * PostgreSQL, so several replicas never deliver the same notification at once. Runs only in the sandbox.
 */
@ApplicationScoped
public class SandboxTransferCourier {

    private static final Logger LOG = Logger.getLogger(SandboxTransferCourier.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PlatformSettings settings;
    private final SandboxPlatformConfig config;
    private final SandboxTransferPlatformRepository repository;
    private final PlatformCallbackHandler handler;
    private final Clock clock;
    private final String instance;
    private final Vertx vertx;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public SandboxTransferCourier(PlatformSettings settings, SandboxPlatformConfig config,
                                  SandboxTransferPlatformRepository repository, PlatformCallbackHandler handler,
                                  Clock clock, InstanceIdentity instance, Vertx vertx) {
        this.settings = settings;
        this.config = config;
        this.repository = repository;
        this.handler = handler;
        this.clock = clock;
        this.instance = instance.id();
        this.vertx = vertx;
    }

    // A Vert.x timer, not @Scheduled: the scheduler fires at most once a second, the courier more often.
    void onStart(@Observes StartupEvent event) {
        if (settings.sandbox()) {
            timer = vertx.setPeriodic(config.courierEvery().toMillis(), id -> tick());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One run at a time on this replica: a tick while the previous run is still delivering is skipped. */
    private void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        deliverDue().subscribe().with(x -> running.set(false), e -> running.set(false));
    }

    public Uni<Void> deliverDue() {
        return repository.claim(instance, config.batchSize(), config.lease().toMillis())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.join().all(claimed.stream().map(this::deliver).toList()).andCollectFailures()
                        .replaceWithVoid())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Sandbox transfer platform deliveries not recorded (%s); their leases expire and they "
                            + "are tried again", e.toString());
                    return null;
                });
    }

    private Uni<Void> deliver(Claimed c) {
        return send(c.body()).chain(status -> {
            if (status / 100 == 2) {
                Uni<Integer> twice = duplicateNow() ? send(c.body()) : Uni.createFrom().item(status);
                return twice.chain(ignored -> repository.delivered(c.id(), instance, status));
            }
            if (status == 409 || status >= 500) {
                return repository.retry(c.id(), instance, status, backoff(c.attempts()).toMillis());
            }
            LOG.warnf("Sandbox transfer platform gives up %s %s after HTTP %d", c.type(), c.transferId(), status);
            return repository.giveUp(c.id(), instance, status);
        });
    }

    /** One signed attempt; its HTTP status as the platform would see it. */
    private Uni<Integer> send(String body) {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = newNonce();
        String signature = CallbackSignature.sign(settings.callbackSecret(), timestamp, nonce, raw);
        return Uni.createFrom().deferred(() -> handler.receive(timestamp, nonce, signature, raw))
                .replaceWith(204)
                .onFailure().recoverWithItem(e -> e instanceof ApiException a ? a.status() : 500);
    }

    private boolean duplicateNow() {
        int every = config.duplicateEvery();
        return every > 0 && delivered.incrementAndGet() % every == 0;
    }

    /** Wait after attempt {@code attempt} (1-based) failed: the latency, doubling, at most max-backoff. */
    Duration backoff(int attempt) {
        Duration wait = config.latency();
        for (int i = 1; i < attempt && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private static String newNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
